// Core is cut into areas that own their ports; imports run one way, from the top down to the kernel
// (docs/decisions/0013-core-by-ownership.md). `pnpm lint` fails on an import that runs back up or
// sideways, and on any cycle.
const core = '^packages/core/src/'
const layers = [
  ['kernel'],
  // The audit log is a port on the kernel alone; compliance audits list changes, so it sits below (0023).
  ['audit'],
  // Stored settings: every area above reads its own over its configuration; a change is audited (0038).
  ['settings'],
  ['agents', 'leads', 'compliance', 'telephony', 'softphone'],
  ['queues', 'campaigns', 'calls', 'messaging', 'recordings', 'transcripts'],
  // Magic links are texted: they sit just above messaging, and nothing below imports them.
  ['magic-links'],
  // Who gets a call: the engine's answered calls, AI handoffs and inbound queues all route through it (0027).
  ['routing'],
  // An AI voice agent takes an answered call the way a human does; it hands over through routing.
  ['voice-ai'],
  // The call engine connects an answered call to whoever routing (or an AI agent) chose.
  ['dialing'],
  // Inbound runs an IVR flow, then enters a routing queue and connects through the engine.
  ['inbound'],
  ['analytics', 'jobs'],
]
const area = (names) => `${core}(${names.join('|')})/`
const tests = '\\.test(\\.support)?\\.tsx?$'

/** Each layer's areas import the kernel, the layers below and their own folder; nothing else in core. */
const layerRules = layers.slice(1).map((names, index) => ({
  name: `layer-${index + 1}-${names[0]}`,
  comment: `${names.join(', ')} may import only the layers below them and their own folder`,
  severity: 'error',
  from: { path: area(names), pathNot: tests },
  to: {
    path: core,
    pathNot: [
      area(layers.slice(0, index + 1).flat()),
      `${core}$1/`,
      ...(names.includes('transcripts') ? [`${core}recordings/`] : []),
    ],
  },
}))

// A transcript is of a recording: transcripts may import recordings' types, the one sideways import in
// core. Every other area of that layer keeps off recordings; transcripts never import its programs.
const sideways = [
  {
    name: 'only-transcripts-import-recordings-sideways',
    comment: "recordings sits in its importers' layer; only transcripts may name its types",
    severity: 'error',
    from: {
      path: area(layers[2].filter((name) => !['transcripts', 'recordings'].includes(name))),
      pathNot: tests,
    },
    to: { path: `${core}recordings/` },
  },
  {
    name: 'transcripts-use-recordings-types-only',
    comment: 'transcripts may import recordings only as types',
    severity: 'error',
    from: { path: `${core}transcripts/`, pathNot: tests },
    to: { path: `${core}recordings/`, dependencyTypesNot: ['type-only'] },
  },
]

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a cycle means two modules own one thing; cut it so imports run one way',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-imports-nothing',
      comment: 'the kernel is the bottom: ids, phone numbers, webhooks, events, time',
      severity: 'error',
      from: { path: `${core}kernel/`, pathNot: tests },
      to: { path: core, pathNot: `${core}kernel/` },
    },
    ...layerRules,
    ...sideways,
    {
      name: 'areas-stay-below-the-entry',
      comment: 'createRinglane and the index sit on top; no area imports them or the conformance suites',
      severity: 'error',
      from: { path: area(layers.flat()), pathNot: tests },
      to: { path: [`${core}(ringlane|index)\\.ts$`, `${core}testing/`] },
    },
    {
      name: 'presets-use-the-public-api',
      comment: 'a preset plugs in through @ringlane/core, never its files',
      severity: 'error',
      from: { path: '^packages/presets/' },
      to: { path: core },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '/dist/', '\\.tsbuild'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
}
