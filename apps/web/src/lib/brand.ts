/** sRGB relative luminance (WCAG 2) of `#rrggbb`. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

const toHex = (channels: number[]) =>
  `#${channels.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/**
 * The focus ring's colour for a brand colour: the brand, darkened until the ring as drawn (at
 * 60% opacity over white, `ring-ring/60`) contrasts at least 3.2:1 with white (WCAG 1.4.11
 * asks 3:1 of a focus indicator). A pale brand gets a deep shade of itself.
 */
export function ringFor(brandColor: string): string {
  const rgb = [1, 3, 5].map((i) => parseInt(brandColor.slice(i, i + 2), 16));
  for (let keep = 0.8; ; keep -= 0.05) {
    const ring = rgb.map((c) => c * Math.max(keep, 0));
    const drawn = toHex(ring.map((c) => 0.6 * c + 0.4 * 255));
    if (keep <= 0 || contrast(luminance(drawn), 1) >= 3.2) return toHex(ring);
  }
}

/**
 * CSS variables for a clinic's colour: the colour itself, whichever of white or near-black
 * reads better on it (so a pale brand colour still gets legible button text), its hover shade
 * (moved away from that text colour, so hovering never costs contrast) and its focus ring's
 * colour.
 */
export function brandStyle(brandColor: string | null): Record<string, string> | undefined {
  if (!brandColor || !/^#[0-9a-fA-F]{6}$/.test(brandColor)) return undefined;
  const l = luminance(brandColor);
  const onWhite = contrast(l, 1);
  const onDark = contrast(l, luminance('#111827'));
  const whiteText = onWhite >= onDark;
  return {
    '--brand': brandColor,
    '--brand-foreground': whiteText ? '#ffffff' : '#111827',
    '--brand-hover': `color-mix(in oklab, ${brandColor} 88%, ${whiteText ? 'black' : 'white'})`,
    '--ring': ringFor(brandColor),
  };
}
