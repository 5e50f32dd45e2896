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
