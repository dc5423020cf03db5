// Tests that need a Debian package beside Node (a real Chromium, LibreOffice, the CJK font) skip with a visible
// reason naming the package when it is missing, so `npm test` passes on a fresh machine and says what it did not
// test. CI sets YUQING_REQUIRE_SYSTEM_PACKAGES=1 (.ci/run installs them): there a missing package fails instead.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumExecutablePath } from '../../crawlers/chromium.js';

/** A Debian package some tests need, and how to tell it is installed. */
export interface SystemPackage {
  /** The Debian package name (what `apt-get install` takes). */
  debian: string;
  /** What the tests use it for, in the skip message. */
  use: string;
  installed: () => boolean;
}

/** Where LibreOffice's converter is: $SOFFICE_PATH, else /usr/bin/soffice. */
export const SOFFICE_PATH = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/** The CJK font file the report chart and Chromium screenshots render Chinese with. */
export const NOTO_CJK_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

export const CHROMIUM: SystemPackage = {
  debian: 'chromium',
  use: 'a real browser',
  installed: () => existsSync(chromiumExecutablePath()),
};

export const LIBREOFFICE: SystemPackage = {
  debian: 'libreoffice-writer-nogui',
  use: 'soffice to convert the .docx',
  installed: () => existsSync(SOFFICE_PATH),
};

export const CJK_FONTS: SystemPackage = {
  debian: 'fonts-noto-cjk',
  use: 'a Chinese font to draw text',
  installed: () => existsSync(NOTO_CJK_FILE) || fontconfigHasChinese(),
};

function fontconfigHasChinese(): boolean {
  try {
    return /Noto Sans CJK/.test(execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

/** What a test file needs: whether to skip, and a title that says why. */
export interface Needs {
  /** Packages missing here (empty when all are installed). */
  missing: SystemPackage[];
  skip: boolean;
  /** `title`, plus ` (skipped: …)` naming the missing packages when skipping. */
  title: (title: string) => string;
}

/**
 * Check the packages a test file needs. Missing ones are reported once on stderr with the install command;
 * with YUQING_REQUIRE_SYSTEM_PACKAGES=1 a missing package throws (the test file fails) rather than skips.
 */
export function needs(...packages: SystemPackage[]): Needs {
  const missing = packages.filter((p) => !p.installed());
  const names = missing.map((p) => p.debian).join(' ');
  const reason = missing.map((p) => `${p.debian} (${p.use})`).join(', ');
  if (missing.length > 0) {
    const message = `missing Debian package ${reason}: apt-get install ${names}`;
    if (process.env.YUQING_REQUIRE_SYSTEM_PACKAGES === '1') throw new Error(message);
    console.warn(`[system packages] skipping tests: ${message}`);
  }
  return {
    missing,
    skip: missing.length > 0,
    title: (title) => (missing.length > 0 ? `${title} (skipped: missing Debian package ${names})` : title),
  };
}
