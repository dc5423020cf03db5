import type { ReactNode } from 'react';

/** Whether a crawled URL may become a link: only http(s), so `javascript:` and `data:` stay inert text. */
export function isSafeHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A link to the original page opened in a new tab without referrer; unsafe URLs are shown as plain text. */
export function ExternalLink({ url, children }: { url: string; children?: ReactNode }) {
  if (!isSafeHttpUrl(url)) return <span className="unsafe-url">{children ?? url}</span>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer nofollow" referrerPolicy="no-referrer">
      {children ?? url}
    </a>
  );
}
