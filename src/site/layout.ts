import { readFileSync } from 'node:fs'
import path from 'node:path'
import Handlebars from 'handlebars'

/** A link in the navigation, relative to the page it appears on. */
export interface NavDoc {
  readonly href: string
  /** The page's first heading. */
  readonly title: string
  /** The title without the schema name it starts with, for lists under that name. */
  readonly label: string
  readonly current: boolean
}

/** One schema in the navigation. */
export interface NavSchema {
  readonly name: string
  /** Its first page (the README). */
  readonly home: string
  readonly current: boolean
  readonly docs: readonly NavDoc[]
  /** Its list of diagrams, when it has any; `current` on that list and on each diagram's page. */
  readonly diagrams?: NavDoc
  /** Its diagrams' own pages (their list shows each `title`, the index each `label`). */
  readonly diagramPages: readonly NavDoc[]
  /** Of those, the ERDs: the whole one, then each group's (labelled by the group's name). */
  readonly erdPages: readonly NavDoc[]
}

/** What the page shell shows around a body. */
export interface ShellView {
  readonly title: string
  /** `./` for the index, `../` for a schema's page: every link is relative so the site opens from disk. */
  readonly root: string
  readonly schema?: string
  readonly nav: readonly NavSchema[]
  readonly body: string
  readonly previous?: NavDoc
  readonly next?: NavDoc
  /** The site has a search index (`assets/search-data.js`): the header shows the search box. */
  readonly search: boolean
}

/** A diagram's own page: the diagram at full size in a zoom and pan viewer. */
export interface DiagramView {
  readonly title: string
  /** The SVG, inline. */
  readonly svg: string
  /** The Mermaid source. */
  readonly source: string
  /** The doc pages (and headings) it appears on. */
  readonly appearsIn: readonly { readonly href: string; readonly title: string }[]
}

/** A schema's list of diagrams. */
export interface DiagramsView {
  readonly title: string
  readonly diagrams: readonly NavDoc[]
}

/** The site's templates from `templates/site/`, compiled. */
export interface Layout {
  readonly labels: Readonly<Record<string, string>>
  readonly css: string
  /** The pages' script: the search box and the diagram viewer. */
  readonly script: string
  page(view: ShellView): string
  index(nav: readonly NavSchema[]): string
  diagram(view: DiagramView): string
  diagrams(view: DiagramsView): string
}

/** Loads `templates/site/`; labels come from `labels.json` in `lang`, falling back to English. */
export function loadLayout(templatesDir: string, lang: string): Layout {
  const dir = path.join(templatesDir, 'site')
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8')
  const all = JSON.parse(read('labels.json')) as Record<string, Record<string, string>>
  const labels = all[lang] ?? all.en ?? {}
  const hbs = Handlebars.create()
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean))
  hbs.registerPartial('nav', read('nav.hbs'))
  const page = hbs.compile(read('page.html.hbs'), { strict: false })
  const index = hbs.compile(read('index.html.hbs'), { strict: false })
  const diagram = hbs.compile(read('diagram.html.hbs'), { strict: false })
  const diagrams = hbs.compile(read('diagrams.html.hbs'), { strict: false })
  return {
    labels,
    css: read('style.css'),
    script: read('site.js'),
    page: (view) => page({ ...view, lang, labels }),
    index: (nav) => index({ nav, labels }),
    diagram: (view) => diagram({ ...view, labels }),
    diagrams: (view) => diagrams({ ...view, labels }),
  }
}
