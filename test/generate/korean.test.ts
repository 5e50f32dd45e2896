import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { getJongseong, hasBatchim } from 'es-hangul'
import { describe, expect, it } from 'vitest'
import { withJosa } from '../../src/generate/docs/helpers.js'

// The committed generated/ folder is what `schema generate` writes (docs.test.ts keeps it so).
const ROOT = path.resolve(import.meta.dirname, '../..')
const SCHEMAS = ['agent', 'anyon', 'pastetrader', 'saltlux', 'vision']
const glossary = JSON.parse(readFileSync(path.join(ROOT, 'templates/ko/glossary.json'), 'utf8')) as Record<string, { term: string; variants: string[] }>

/** Prose only: code blocks and inline code hold identifiers and SQL, not Korean. */
const prose = (md: string) => md.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, ' ')

/**
 * Words whose ending only looks like a particle: verb stems with a final consonant take the adnominal
 * ending -는 (있는, 담는), questions end in -는가/-한가, and some nouns end in 가/이/로 (증가, 차이, 경로).
 */
const NOT_PARTICLES = [/(있|없|담|찾|읽|않|맞|묶|넣|얻|받|갖|잃|같|닫|붙|듣|남|믿|웃|놓|낳|앉|밝|짧|많|좋|높|낮)는$/, /(는|한)가$/, /^(증가|평가|불가|추가|참가|단가|원가|차이|사이|효과|결과|경로|도로|항로)$/]

const PARTICLE = /([가-힣]+?)(으로|을|를|은|는|이|가|과|와|로)(?=[\s.,:;)!?|·]|$)/g

/** Particles the preceding syllable's final consonant does not take (ㄹ takes 로, not 으로). */
export function wrongParticles(text: string): string[] {
  const out: string[] = []
  for (const m of prose(text).matchAll(PARTICLE)) {
    const [word, stem, p] = [m[0], m[1]!, m[2]!]
    if (NOT_PARTICLES.some((re) => re.test(word))) continue
    const last = stem.at(-1)!
    const batchim = hasBatchim(last)
    const rieul = getJongseong(last) === 'ㄹ'
    const wrong = batchim
      ? ['를', '는', '가', '와'].includes(p) || (p === '로' && !rieul) || (p === '으로' && rieul)
      : ['을', '은', '이', '과', '으로'].includes(p)
    if (wrong) out.push(word)
  }
  return out
}

/** Glossary variants used instead of the one term (outside code). */
export function mixedTerms(text: string): string[] {
  const body = prose(text)
  return Object.values(glossary).flatMap(({ term, variants }) =>
    variants.flatMap((v) => {
      const re = new RegExp(`(?<![A-Za-z])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`, 'g')
      return [...body.matchAll(re)].map(() => `${v} (→ ${term})`)
    }),
  )
}

/**
 * Sentence endings of the plain register (한다체: 조회한다, 있다, 값이다) in prose. The docs are written in
 * 합쇼체 (-ㅂ니다/-습니다) like the seed documents; -마다 and -보다 are particles, 다대다 a noun.
 */
export function plainEndings(text: string): string[] {
  return [...prose(text).matchAll(/[가-힣]+다(?=[\s.,:;)!?|]|$)/g)].map((m) => m[0]).filter((w) => !/(니다|마다|보다)$/.test(w) && w !== '다대다')
}

describe('Korean scan of every generated doc', () => {
  it('catches what it is for: a wrong particle after a syllable with or without a final consonant, and a glossary variant', () => {
    expect(wrongParticles('인덱스, 트리거을 정리한 문서입니다.')).toEqual(['트리거을'])
    expect(wrongParticles('값를 넣고 파일으로 보냅니다. 키과 값이 있습니다.')).toEqual(['값를', '파일으로', '키과'])
    expect(wrongParticles('규칙로 씁니다.')).toEqual(['규칙로'])
    expect(wrongParticles('트리거를 정리하고 파일로 규칙으로 보냅니다. 값이 있는 행을 찾는 조회.')).toEqual([])
    expect(plainEndings('행을 조회한다. 값이 있다 (예). 행마다 씁니다. 시각보다 늦습니다. 다대다 연결입니다.')).toEqual(['조회한다', '있다'])
    expect(mixedTerms('Partial 인덱스와 Postgres 전용, PostgreSQL은 괜찮고 `Postgres` 코드도 괜찮습니다.')).toEqual(['Partial 인덱스 (→ 부분 인덱스)', 'Postgres (→ PostgreSQL)'])
  })

  it('the josa helper picks the form by the final consonant (es-hangul), including ㄹ + 로 and Markdown around the word', () => {
    expect(withJosa('트리거', '을/를')).toBe('트리거를')
    expect(withJosa('트리거, 상태 값', '을/를')).toBe('트리거, 상태 값을')
    expect(withJosa('규칙', '으로/로')).toBe('규칙으로')
    expect(withJosa('파일', '으로/로')).toBe('파일로')
    expect(withJosa('[`부분 인덱스`](#x)', '이/가')).toBe('[`부분 인덱스`](#x)가')
  })

  for (const schema of SCHEMAS) {
    it(`${schema}: no wrong particle, no glossary variant and one register (합쇼체) in docs/ko/*.md`, () => {
      const dir = path.join(ROOT, 'generated', schema, 'docs', 'ko')
      const found: string[] = []
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.md')).sort()) {
        const text = readFileSync(path.join(dir, f), 'utf8')
        for (const w of wrongParticles(text)) found.push(`${f}: particle ${w}`)
        for (const w of mixedTerms(text)) found.push(`${f}: term ${w}`)
        for (const w of plainEndings(text)) found.push(`${f}: register ${w}`)
        // History: comment changes are summarised as a count, never dumped as raw English lines.
        if (f === '마이그레이션이력.md' && /^- comment on /m.test(text)) found.push(`${f}: raw comment lines`)
      }
      expect(found).toEqual([])
    })
  }
})
