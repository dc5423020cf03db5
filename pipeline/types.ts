/** Chinese word segmentation (nodejieba behind it); deterministic for a given dictionary. */
export interface Segmenter {
  /** Precise mode, for matching and scoring. */
  cut(text: string): string[];
  /** Search mode (long words also yield their sub-words), for the index and for queries. */
  cutForSearch(text: string): string[];
}
