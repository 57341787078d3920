// gen-vectors.mjs: write FSRS test vectors from the reference scheduler,
// ts-fsrs 5.4.2, for tests/unit/test_fsrs.c.
//
//   cd tests/fsrs && npm ci && node gen-vectors.mjs > vectors.tsv
//
// Each sequence is one card rated again and again at pseudo-random moments
// (seconds to months apart, early, on time and late). The generator is
// seeded, so the same ts-fsrs gives the same file byte for byte.
//
// Lines (tab-separated):
//   S  id  retention  max_interval  fuzz  learning_steps  relearning_steps  w
//      steps are "1m,10m" or "-" for none; w is "default" or 21 numbers "a,b,..."
//   C  created                       the new card's creation time (Unix s)
//   R  now  rating  r_before  state  stability  difficulty  due  scheduled_days
//      step  reps  lapses  elapsed_days
//      r_before is ts-fsrs's get_retrievability just before the rating;
//      the rest is the card after it. Times are Unix seconds.

import { readFileSync } from 'node:fs'
import { fsrs, createEmptyCard, default_w } from 'ts-fsrs'

const pkg = new URL('./node_modules/ts-fsrs/package.json', import.meta.url)
const version = JSON.parse(readFileSync(pkg, 'utf8')).version
if (version !== '5.4.2') {
  console.error(`gen-vectors: want ts-fsrs 5.4.2, found ${version}`)
  process.exit(1)
}

// A small seeded generator (xorshift32 with a splitmix-style start).
function rng(seed) {
  let x = (seed * 2654435761) >>> 0 || 1
  return () => {
    x ^= x << 13; x >>>= 0
    x ^= x >>> 17
    x ^= x << 5; x >>>= 0
    return x / 4294967296
  }
}

const rand = rng(20240601)
const pick = (a) => a[Math.floor(rand() * a.length)]
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))

const DAY = 86400
const SEQUENCES = 200
const REVIEWS = 20

// Weight ranges, used to draw custom weights (a few fall outside on purpose).
const RANGES = [
  [0.001, 100], [0.001, 100], [0.001, 100], [0.001, 100], [1, 10], [0.001, 4],
  [0.001, 4], [0.001, 0.75], [0, 4.5], [0, 0.8], [0.001, 3.5], [0.001, 5],
  [0.001, 0.25], [0.001, 0.9], [0, 4], [0, 1], [1, 6], [0, 2], [0, 2],
  [0.01, 0.8], [0.1, 0.8],
]

function settings(i) {
  const s = {
    request_retention: 0.9, maximum_interval: 36500, enable_fuzz: false,
    learning_steps: ['1m', '10m'], relearning_steps: ['10m'], w: null,
  }
  if (i >= 140 && i < 160) {
    s.request_retention = pick([0.7, 0.8, 0.85, 0.95, 0.97])
    s.maximum_interval = pick([30, 180, 365, 36500])
  } else if (i >= 160 && i < 175) {
    s.learning_steps = pick([[], ['5m'], ['1m', '10m', '1h'], ['10m', '1d'], ['2d'], ['30m', '6h']])
    s.relearning_steps = pick([[], ['10m', '1h'], ['5m', '20m', '1d'], ['1h']])
  } else if (i >= 175 && i < 190) {
    s.enable_fuzz = true
  } else if (i >= 190) {
    s.w = default_w.map((v, k) => {
      const [lo, hi] = RANGES[k]
      const spread = (hi - lo) * 0.3
      const x = v + (rand() - 0.5) * spread
      return Math.round(x * 1e4) / 1e4
    })
    s.enable_fuzz = rand() < 0.5
    s.relearning_steps = pick([['10m'], ['10m', '30m']])
  }
  return s
}

function nextTime(prev, card) {
  const k = rand()
  if (k < 0.4 && card.state !== 0) {
    // around the due time: a little early to quite late
    const due = card.due.getTime() / 1000
    const span = Math.max(60, due - prev)
    return Math.max(prev, Math.round(due + (rand() * 0.6 - 0.1) * span))
  }
  if (k < 0.6) return prev + between(0, 3600)
  if (k < 0.8) return prev + between(3600, 48 * 3600)
  return prev + between(1, 120) * DAY + between(0, DAY - 1)
}

const grade = () => {
  const k = rand()
  return k < 0.15 ? 1 : k < 0.3 ? 2 : k < 0.85 ? 3 : 4
}

const steps = (a) => (a.length ? a.join(',') : '-')
const out = []
out.push(`# FSRS vectors from ts-fsrs ${version}; regenerate with tests/fsrs/gen-vectors.mjs`)

for (let i = 0; i < SEQUENCES; i++) {
  const s = settings(i)
  const params = { ...s }
  if (s.w === null) delete params.w
  const f = fsrs(params)
  out.push(['S', i, s.request_retention, s.maximum_interval, s.enable_fuzz ? 1 : 0,
    steps(s.learning_steps), steps(s.relearning_steps),
    s.w === null ? 'default' : s.w.join(',')].join('\t'))
  // 2021-01-01 to 2030-01-01, at any second of the day
  let now = between(1609459200, 1893456000)
  let card = createEmptyCard(new Date(now * 1000))
  out.push(`C\t${now}`)
  for (let j = 0; j < REVIEWS; j++) {
    if (j > 0) now = nextTime(now, card)
    const g = grade()
    const r = f.get_retrievability(card, new Date(now * 1000), false)
    card = f.next(card, new Date(now * 1000), g).card
    const due = card.due.getTime() / 1000
    if (!Number.isInteger(due)) throw new Error(`due ${due} is not whole seconds`)
    out.push(['R', now, g, r, card.state, card.stability, card.difficulty, due,
      card.scheduled_days, card.learning_steps, card.reps, card.lapses,
      card.elapsed_days].join('\t'))
  }
}
process.stdout.write(out.join('\n') + '\n')
