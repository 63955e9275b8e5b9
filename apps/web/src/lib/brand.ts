/** sRGB relative luminance (WCAG 2) of `#rrggbb`. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * CSS variables for a clinic's colour: the colour itself and whichever of white or near-black
 * reads better on it (so a pale brand colour still gets legible button text).
 */
export function brandStyle(brandColor: string | null): Record<string, string> | undefined {
  if (!brandColor || !/^#[0-9a-fA-F]{6}$/.test(brandColor)) return undefined;
  const l = luminance(brandColor);
  const onWhite = contrast(l, 1);
  const onDark = contrast(l, luminance('#111827'));
  return {
    '--brand': brandColor,
    '--brand-foreground': onWhite >= onDark ? '#ffffff' : '#111827',
  };
}
