/**
 * Mermaid renders label text as HTML inside `<foreignObject>`, so a
 * description like `<img src=x>` would become an element of the page. Its
 * entity codes (`#lt;`, `#gt;`) are shown as text instead; this swaps them in
 * wherever the ERD and state generators put user text: inside `"…"` and in a
 * transition label after `: `.
 */
export function escapeLabels(definition: string): string {
  const entities = (text: string) => text.replaceAll('<', '#lt;').replaceAll('>', '#gt;')
  return definition
    .split('\n')
    .map((line) => {
      const quotedOnly = line.replace(/"[^"\n]*"/g, entities)
      const colon = quotedOnly.search(/\s:\s/)
      return colon < 0 ? quotedOnly : quotedOnly.slice(0, colon) + entities(quotedOnly.slice(colon))
    })
    .join('\n')
}

/**
 * An SVG from mermaid-cli made fit to sit inline in a page next to other
 * diagrams: its fixed id `my-svg` (which its styles and markers refer to)
 * becomes `id`; it gets its natural size, and `--natural-width` for the
 * stylesheet to decide how far a wide diagram may shrink before it scrolls.
 */
export function inlineSvg(svg: string, id: string): string {
  const renamed = svg.replace(/(id="|#)my-svg/g, `$1${id}`)
  return renamed.replace(/^<svg\b[^>]*>/, (open) => {
    const box = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(open)
    const tag = open.replace(/ width="100%"/, '').replace(/max-width:\s*[\d.]+px;?\s*/, '')
    if (!box) return tag
    const [width, height] = [Math.ceil(Number(box[1])), Math.ceil(Number(box[2]))]
    const sized = tag.replace(/^<svg/, `<svg width="${width}" height="${height}"`)
    const natural = `--natural-width: ${width}px;`
    return / style="/.test(sized) ? sized.replace(/ style="/, ` style="${natural} `) : sized.replace(/>$/, ` style="${natural}">`)
  })
}
