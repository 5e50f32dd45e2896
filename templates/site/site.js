/*
 * The site's own script: the search box (over assets/search-data.js, with
 * MiniSearch) and the diagram viewer (zoom and pan). It fetches nothing:
 * the pages load the data as scripts, so the site works opened from disk.
 * Every text it shows comes from the page (data-* attributes written from
 * labels.json) or from the data, and is set as text, never as HTML.
 */
(function () {
  'use strict'

  // ---- Search ------------------------------------------------------------

  var HANGUL_RUN = /[\uac00-\ud7a3]{3,}/g
  var HANGUL_WORD = /[\uac00-\ud7a3]$/
  // Particles (조사) a Korean word may end in, longest first: '사용자의' is searched as '사용자'.
  var PARTICLES = ['으로부터', '에서부터', '에서는', '으로는', '에게서', '이라는', '에서', '에게', '으로', '까지', '부터', '처럼', '보다', '마다', '이나', '이며', '이고', '라는', '의', '을', '를', '이', '가', '은', '는', '에', '로', '와', '과', '도', '만']

  function words(text) {
    return String(text || '').normalize('NFC').toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []
  }

  // A Korean word without the particle it ends in, when a stem of two
  // syllables or more is left: '사용자의' → '사용자'. Other words as they are.
  function stem(w) {
    if (!HANGUL_WORD.test(w)) return w
    for (var i = 0; i < PARTICLES.length; i++) {
      var p = PARTICLES[i]
      if (w.length - p.length >= 2 && w.slice(-p.length) === p) return w.slice(0, -p.length)
    }
    return w
  }

  // What a text is indexed under: its words, and a Korean word's stem too
  // (so '회의록의' matches '회의록' as a whole word, not only as a prefix);
  // the parts of snake_case names; and every tail of two syllables or more
  // of a Korean run, so a word written inside a compound ('실행로그') is
  // found by its start ('로그'). Search is by prefix besides.
  function indexTerms(text) {
    var out = []
    words(text).forEach(function (w) {
      out.push(w)
      var s = stem(w)
      if (s !== w) out.push(s)
      if (w.indexOf('_') >= 0) w.split('_').forEach(function (p) { if (p) out.push(p) })
      ;(w.match(HANGUL_RUN) || []).forEach(function (run) {
        for (var i = 1; i <= run.length - 2; i++) out.push(run.slice(i))
      })
    })
    return out
  }

  // What a query searches for: its words, each Korean one by its stem (by
  // prefix, the stem still finds the word as written).
  function queryTerms(text) {
    return words(text).map(stem)
  }

  var SHOWN = 30

  function setUpSearch(box) {
    var entries = window.schemaSearchEntries
    if (!box || typeof window.MiniSearch !== 'function' || !Array.isArray(entries)) return
    var input = box.querySelector('input')
    var results = box.querySelector('.search-results')
    var root = box.getAttribute('data-root') || './'
    var schema = box.getAttribute('data-schema') || ''
    var index = null
    function ensureIndex() {
      if (index) return index
      index = new window.MiniSearch({
        fields: ['n', 'd', 'g'],
        storeFields: ['k', 's', 'n', 'd', 'g', 'u'],
        tokenize: indexTerms,
        processTerm: function (t) { return t },
        searchOptions: {
          tokenize: queryTerms,
          processTerm: function (t) { return t },
          prefix: true,
          fuzzy: function (term) { return /^[a-z0-9_]{5,}$/.test(term) ? 0.2 : false },
          combineWith: 'AND',
          boost: { n: 3, g: 1.5 },
          // A table before its own columns; on a schema's page, its own things first.
          boostDocument: function (id, term, stored) {
            if (!stored) return 1
            return (stored.k === 't' ? 2 : 1) * (stored.s === schema ? 1.5 : 1)
          },
        },
      })
      index.addAll(entries)
      return index
    }
    function clear() {
      results.hidden = true
      results.textContent = ''
    }
    function show(query) {
      results.textContent = ''
      if (!query.trim()) return clear()
      var found = ensureIndex().search(query)
      results.hidden = false
      if (!found.length) {
        var none = document.createElement('p')
        none.className = 'search-empty'
        none.textContent = box.getAttribute('data-empty') || ''
        results.appendChild(none)
        return
      }
      var list = document.createElement('ol')
      found.slice(0, SHOWN).forEach(function (r) {
        var li = document.createElement('li')
        var a = document.createElement('a')
        a.href = root + r.u
        a.className = 'search-hit'
        a.setAttribute('data-kind', r.k)
        var kind = document.createElement('span')
        kind.className = 'search-kind'
        kind.textContent = box.getAttribute('data-kind-' + r.k) || r.k
        var name = document.createElement('strong')
        name.className = 'search-name'
        name.textContent = r.n
        var where = document.createElement('span')
        where.className = 'search-where'
        where.textContent = r.g ? r.s + ' · ' + r.g : r.s
        a.appendChild(kind)
        a.appendChild(name)
        a.appendChild(where)
        if (r.d) {
          var desc = document.createElement('span')
          desc.className = 'search-desc'
          desc.textContent = r.d.length > 140 ? r.d.slice(0, 139) + '…' : r.d
          a.appendChild(desc)
        }
        li.appendChild(a)
        list.appendChild(li)
      })
      results.appendChild(list)
      if (found.length > SHOWN) {
        var more = document.createElement('p')
        more.className = 'search-more'
        more.textContent = (box.getAttribute('data-more') || '').replace('{total}', String(found.length)).replace('{shown}', String(SHOWN))
        results.appendChild(more)
      }
    }
    input.addEventListener('input', function () { show(input.value) })
    input.addEventListener('focus', function () { if (input.value) show(input.value) })
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        input.value = ''
        clear()
      } else if (e.key === 'Enter') {
        var first = results.querySelector('a')
        if (first) first.click()
      } else if (e.key === 'ArrowDown') {
        var hit = results.querySelector('a')
        if (hit) {
          e.preventDefault()
          hit.focus()
        }
      }
    })
    results.addEventListener('keydown', function (e) {
      var links = Array.prototype.slice.call(results.querySelectorAll('a'))
      var i = links.indexOf(document.activeElement)
      if (i < 0) return
      if (e.key === 'ArrowDown' && links[i + 1]) links[i + 1].focus()
      else if (e.key === 'ArrowUp') (links[i - 1] || input).focus()
      else if (e.key === 'Escape') input.focus()
      else return
      e.preventDefault()
    })
    document.addEventListener('click', function (e) {
      if (!box.contains(e.target)) results.hidden = true
    })
    box.hidden = false
  }

  // ---- Diagram viewer ----------------------------------------------------

  var MIN = 0.05
  var MAX = 8

  function setUpViewer(viewer) {
    var stage = viewer.querySelector('.viewer-stage')
    var svg = stage && stage.querySelector('svg')
    var tools = viewer.querySelector('.viewer-tools')
    var scaleOut = viewer.querySelector('.viewer-scale')
    if (!svg || !tools) return
    var width = Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width
    var height = Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height
    var state = { s: 1, x: 0, y: 0 }
    viewer.classList.add('is-live')
    tools.hidden = false

    function apply() {
      svg.style.transform = 'translate(' + state.x + 'px, ' + state.y + 'px) scale(' + state.s + ')'
      viewer.setAttribute('data-scale', String(state.s))
      if (scaleOut) scaleOut.textContent = Math.round(state.s * 100) + '%'
    }
    function zoomAt(factor, cx, cy) {
      var s = Math.min(MAX, Math.max(MIN, state.s * factor))
      state.x = cx - ((cx - state.x) * s) / state.s
      state.y = cy - ((cy - state.y) * s) / state.s
      state.s = s
      apply()
    }
    function centre() {
      var r = stage.getBoundingClientRect()
      return [r.width / 2, r.height / 2]
    }
    // Natural size (100%), its middle in the middle of the view: a diagram
    // larger than the view shows its centre, where an ERD's tables are, not
    // the empty corner of its canvas.
    function reset() {
      var r = stage.getBoundingClientRect()
      state.s = 1
      state.x = (r.width - width) / 2
      state.y = (r.height - height) / 2
      apply()
    }
    function fit() {
      var r = stage.getBoundingClientRect()
      state.s = Math.min(MAX, Math.max(MIN, Math.min(r.width / width, r.height / height)))
      state.x = (r.width - width * state.s) / 2
      state.y = (r.height - height * state.s) / 2
      apply()
    }
    var actions = {
      in: function () { var c = centre(); zoomAt(1.25, c[0], c[1]) },
      out: function () { var c = centre(); zoomAt(0.8, c[0], c[1]) },
      fit: fit,
      reset: reset,
    }
    tools.addEventListener('click', function (e) {
      var button = e.target.closest('button[data-zoom]')
      if (button) actions[button.getAttribute('data-zoom')]()
    })
    stage.addEventListener('wheel', function (e) {
      e.preventDefault()
      var r = stage.getBoundingClientRect()
      var delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY
      zoomAt(Math.exp(-delta * 0.0015), e.clientX - r.left, e.clientY - r.top)
    }, { passive: false })
    var drag = null
    stage.addEventListener('pointerdown', function (e) {
      if (e.button !== 0) return
      drag = { id: e.pointerId, x: e.clientX - state.x, y: e.clientY - state.y }
      stage.setPointerCapture(e.pointerId)
      stage.classList.add('is-dragging')
    })
    stage.addEventListener('pointermove', function (e) {
      if (!drag || drag.id !== e.pointerId) return
      state.x = e.clientX - drag.x
      state.y = e.clientY - drag.y
      apply()
    })
    function endDrag(e) {
      if (!drag || drag.id !== e.pointerId) return
      drag = null
      stage.classList.remove('is-dragging')
    }
    stage.addEventListener('pointerup', endDrag)
    stage.addEventListener('pointercancel', endDrag)
    stage.addEventListener('keydown', function (e) {
      var step = 60
      if (e.key === '+' || e.key === '=') actions.in()
      else if (e.key === '-' || e.key === '_') actions.out()
      else if (e.key === '0') reset()
      else if (e.key === 'f' || e.key === 'F') fit()
      else if (e.key === 'ArrowLeft') state.x += step
      else if (e.key === 'ArrowRight') state.x -= step
      else if (e.key === 'ArrowUp') state.y += step
      else if (e.key === 'ArrowDown') state.y -= step
      else return
      e.preventDefault()
      apply()
    })
    reset()
  }

  function start() {
    setUpSearch(document.querySelector('.site-search'))
    Array.prototype.forEach.call(document.querySelectorAll('[data-viewer]'), setUpViewer)
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
