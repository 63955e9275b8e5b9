import { html, type SafeHtml } from './html';

/** How a clinic's mail looks: its name and its colour. */
export interface Branding {
  clinicName: string;
  /** `#rrggbb`; a neutral teal when the clinic has none. */
  brandColor: string | null;
}

const DEFAULT_BRAND = '#0f766e';
const HEX = /^#[0-9a-f]{6}$/i;

function brand(branding: Branding): string {
  // Only a plain hex colour reaches a style attribute.
  return branding.brandColor && HEX.test(branding.brandColor) ? branding.brandColor : DEFAULT_BRAND;
}

/** The frame of every message: the clinic's name in its colour, the body, a footer. */
export function Layout(props: {
  branding: Branding;
  lang: string;
  title: string;
  body: SafeHtml;
  footer: SafeHtml;
}): SafeHtml {
  return html`<!doctype html>
    <html lang="${props.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${props.title}</title>
      </head>
      <body
        style="margin:0;background:#f4f4f5;font-family:Helvetica,Arial,sans-serif;color:#18181b"
      >
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
          <tr>
            <td align="center" style="padding:24px">
              <table
                role="presentation"
                width="560"
                cellpadding="0"
                cellspacing="0"
                style="max-width:560px;background:#ffffff;border-radius:8px"
              >
                <tr>
                  <td
                    style="padding:20px 24px;border-top:6px solid ${brand(props.branding)};font-size:20px;font-weight:bold;color:${brand(props.branding)}"
                  >
                    ${props.branding.clinicName}
                  </td>
                </tr>
                <tr>
                  <td style="padding:0 24px 24px;font-size:15px;line-height:1.5">${props.body}</td>
                </tr>
                <tr>
                  <td
                    style="padding:16px 24px;border-top:1px solid #e4e4e7;font-size:12px;color:#71717a"
                  >
                    ${props.footer}
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>`;
}

export function Heading(props: { text: string }): SafeHtml {
  return html`<h1 style="font-size:18px;margin:16px 0">${props.text}</h1>`;
}

export function Paragraph(props: { text: string }): SafeHtml {
  return html`<p style="margin:0 0 12px">${props.text}</p>`;
}

export function Button(props: { href: string; label: string; branding: Branding }): SafeHtml {
  return html`<p style="margin:20px 0">
    <a
      href="${props.href}"
      style="display:inline-block;padding:10px 18px;border-radius:6px;background:${brand(props.branding)};color:#ffffff;text-decoration:none;font-weight:bold"
      >${props.label}</a
    >
  </p>`;
}

/** Label–value lines: when, with whom, where. */
export function Details(props: { rows: readonly (readonly [string, string])[] }): SafeHtml {
  return html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:12px 0">
    ${props.rows.map(
      ([label, value]) =>
        html`<tr>
          <td style="padding:4px 12px 4px 0;color:#71717a">${label}</td>
          <td style="padding:4px 0;font-weight:bold">${value}</td>
        </tr>`,
    )}
  </table>`;
}

export function SmallLink(props: { href: string; label: string }): SafeHtml {
  return html`<a href="${props.href}" style="color:#71717a">${props.label}</a>`;
}
