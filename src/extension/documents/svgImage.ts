/** The SVG as a data URI for a Markdown image (the preview allows data: images, never scripts). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
