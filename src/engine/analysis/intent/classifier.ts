/**
 * The intent classifier: train in-process on a team's own examples, classify with a calibrated
 * confidence, say `unknown` below a threshold learned from held-out examples, save and load.
 */
import { chooseThreshold, fitTemperature, softmaxInto } from './calibration';
import type { HashedCounts } from './features';
import { hashFeatures } from './features';
import type { FeatureSpace } from './featureSpace';
import { fitFeatureSpace, makeFeatureSpace, vectorizeHashed, vectorizeInto } from './featureSpace';
import { decodeFloat32, decodeInt32, decodeUint16, encodeFloat32, encodeInt32, encodeUint16 } from './binary';
import type { LinearModel } from './linearSvm';
import { scoreInto, scoreSparseInto, seededRandom, trainOneVsRest } from './linearSvm';
import type {
  ClassifyOptions,
  IntentExample,
  IntentModelJson,
  IntentPrediction,
  ResolvedTrainOptions,
  TrainOptions,
} from './schema';
import {
  DEFAULT_FEATURES,
  FeatureConfigSchema,
  INTENT_MODEL_FORMAT,
  INTENT_MODEL_VERSION,
  IntentExampleSchema,
  IntentModelSchema,
  TrainOptionsSchema,
  UNKNOWN_INTENT,
} from './schema';

/** A trained model, ready to classify. */
export interface IntentModel {
  labels: string[];
  space: FeatureSpace;
  linear: LinearModel;
  temperature: number;
  threshold: number;
  training: IntentModelJson['training'];
  /** Scratch buffers: classification allocates nothing per call beyond the feature vector. */
  scratch: { scores: Float64Array; probs: Float64Array };
}

export class IntentTrainingError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'IntentTrainingError';
  }
}

interface Fitted {
  space: FeatureSpace;
  linear: LinearModel;
}

function fit(hashed: HashedCounts[], gold: Int32Array, numClasses: number, opts: ResolvedTrainOptions): Fitted {
  const config = FeatureConfigSchema.parse({ ...DEFAULT_FEATURES, ...opts.features });
  const space = fitFeatureSpace(config, hashed, opts.minDf);
  const vectors = hashed.map((h) => vectorizeHashed(space, h));
  const linear = trainOneVsRest(
    { vectors, labels: gold, numClasses, numFeatures: space.keys.length },
    { c: opts.c, tolerance: opts.tolerance, maxEpochs: opts.maxEpochs, seed: opts.seed, pruneRatio: opts.pruneRatio },
  );
  return { space, linear };
}

/** Stratified hold-out: `share` of each intent (at least one when it has three or more). */
function splitHeldOut(gold: Int32Array, numClasses: number, share: number, seed: number): { train: number[]; held: number[] } {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  gold.forEach((c, i) => byClass[c]!.push(i));
  const train: number[] = [];
  const held: number[] = [];
  for (const members of byClass) {
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    const take = members.length >= 3 ? Math.max(1, Math.round(members.length * share)) : 0;
    held.push(...members.slice(0, take));
    train.push(...members.slice(take));
  }
  return { train: train.sort((a, b) => a - b), held: held.sort((a, b) => a - b) };
}

function makeModel(labels: string[], fitted: Fitted, temperature: number, threshold: number, training: IntentModelJson['training']): IntentModel {
  return {
    labels,
    space: fitted.space,
    linear: fitted.linear,
    temperature,
    threshold,
    training,
    scratch: { scores: new Float64Array(labels.length), probs: new Float64Array(labels.length) },
  };
}

/**
 * Trains a classifier on labelled examples. With a calibration share, it first trains on the rest,
 * fits the confidence temperature and the unknown threshold on the held-out share, then retrains
 * on every example with the same settings.
 */
export function trainIntentClassifier(examples: readonly IntentExample[], options: TrainOptions = {}): IntentModel {
  const opts = TrainOptionsSchema.parse(options);
  examples.forEach((e, i) => {
    const r = IntentExampleSchema.safeParse(e);
    if (!r.success) throw new IntentTrainingError(`example ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`, 'badExample');
  });
  const labels = [...new Set(examples.map((e) => e.intent))].sort();
  if (labels.includes(UNKNOWN_INTENT)) {
    throw new IntentTrainingError(`"${UNKNOWN_INTENT}" is what the classifier answers below its threshold; rename that intent in the examples`, 'reservedIntent');
  }
  if (labels.length < 2) throw new IntentTrainingError(`need at least two intents, got ${labels.length}`, 'tooFewIntents');
  if (labels.length > 65535) throw new IntentTrainingError(`at most 65,535 intents, got ${labels.length}`, 'tooManyIntents');
  const index = new Map(labels.map((l, i) => [l, i]));
  const gold = Int32Array.from(examples, (e) => index.get(e.intent)!);
  const config = FeatureConfigSchema.parse({ ...DEFAULT_FEATURES, ...opts.features });
  const hashed = examples.map((e) => hashFeatures(e.text, config));

  let temperature = 1;
  let threshold = opts.threshold ?? 0;
  let heldOut = 0;
  let heldAccuracy: number | undefined;
  let thresholdRule = opts.threshold !== undefined ? 'set by option' : 'no calibration (calibrationShare 0)';
  if (opts.calibrationShare > 0) {
    const { train, held } = splitHeldOut(gold, labels.length, opts.calibrationShare, opts.seed);
    if (held.length > 0 && new Set(train.map((i) => gold[i])).size === labels.length) {
      const part = fit(train.map((i) => hashed[i]!), Int32Array.from(train, (i) => gold[i]!), labels.length, opts);
      const scores = held.map((i) => {
        const s = new Float64Array(labels.length);
        scoreInto(part.linear, labels.length, vectorizeHashed(part.space, hashed[i]!), s);
        return s;
      });
      const heldGold = Int32Array.from(held, (i) => gold[i]!);
      temperature = fitTemperature(scores, heldGold);
      const probs = new Float64Array(labels.length);
      const preds = scores.map((s, j) => {
        const top = softmaxInto(s, temperature, probs);
        return { confidence: probs[top]!, correct: top === heldGold[j] };
      });
      heldOut = held.length;
      heldAccuracy = preds.filter((p) => p.correct).length / preds.length;
      if (opts.threshold === undefined) {
        threshold = Math.max(chooseThreshold(preds), opts.minThreshold);
        thresholdRule = `held-out: keep a prediction while more are right than wrong, at least ${opts.minThreshold}`;
      }
    }
  }
  const fitted = fit(hashed, gold, labels.length, opts);
  return makeModel(labels, fitted, temperature, threshold, {
    examples: examples.length,
    features: fitted.space.keys.length,
    c: opts.c,
    calibration: { heldOut, accuracy: heldAccuracy, thresholdRule },
  });
}

/** The raw per-intent SVM scores of a text (for analysis and ensembling). */
export function scoreIntents(model: IntentModel, text: string): Float64Array {
  const scores = new Float64Array(model.labels.length);
  scoreText(model, text, scores);
  return scores;
}

function scoreText(model: IntentModel, text: string, scores: Float64Array): void {
  const n = vectorizeInto(model.space, text);
  scoreSparseInto(model.linear, model.labels.length, model.space.scratch.touched, model.space.scratch.values, n, scores);
}

export function classify(model: IntentModel, text: string, options: ClassifyOptions = {}): IntentPrediction {
  const { scores, probs } = model.scratch;
  scoreText(model, text, scores);
  const top = softmaxInto(scores, model.temperature, probs);
  const confidence = probs[top]!;
  const threshold = options.threshold ?? model.threshold;
  const prediction: IntentPrediction = { intent: confidence >= threshold ? model.labels[top]! : UNKNOWN_INTENT, confidence };
  if (options.topK && options.topK > 0) {
    const order = [...probs.keys()].sort((a, b) => probs[b]! - probs[a]!).slice(0, options.topK);
    prediction.ranked = order.map((k) => ({ intent: model.labels[k]!, confidence: probs[k]! }));
  }
  return prediction;
}

export function classifyBatch(model: IntentModel, texts: readonly string[], options: ClassifyOptions = {}): IntentPrediction[] {
  return texts.map((t) => classify(model, t, options));
}

export function serializeIntentModel(model: IntentModel): IntentModelJson {
  return {
    format: INTENT_MODEL_FORMAT,
    version: INTENT_MODEL_VERSION,
    labels: model.labels,
    features: model.space.config,
    keys: encodeInt32(model.space.keys),
    idf: encodeFloat32(model.space.idf),
    rowStart: encodeInt32(model.linear.rowStart),
    classes: encodeUint16(model.linear.classes),
    weights: encodeFloat32(model.linear.values),
    bias: [...model.linear.bias],
    temperature: model.temperature,
    threshold: model.threshold,
    training: model.training,
  };
}

export class IntentModelError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'IntentModelError';
  }
}

/** Parses and checks a saved model (from JSON.parse); errors name the field. */
export function loadIntentModel(json: unknown): IntentModel {
  const parsed = IntentModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new IntentModelError(`not an intent model: ${issue.path.join('.') || '(root)'}: ${issue.message}`, 'schema');
  }
  const m = parsed.data;
  const k = m.labels.length;
  let keys: Int32Array, idf: Float32Array, rowStart: Int32Array, classes: Uint16Array, values: Float32Array;
  try {
    keys = decodeInt32(m.keys, 'keys');
    idf = decodeFloat32(m.idf, 'idf');
    rowStart = decodeInt32(m.rowStart, 'rowStart');
    classes = decodeUint16(m.classes, 'classes');
    values = decodeFloat32(m.weights, 'weights');
  } catch (err) {
    throw new IntentModelError(`intent model arrays are corrupt: ${(err as Error).message}`, 'corrupt');
  }
  const limit = 1 << (m.features.hashBits + 1);
  if (idf.length !== keys.length) throw new IntentModelError(`idf has ${idf.length} entries, keys ${keys.length}`, 'corrupt');
  if (rowStart.length !== keys.length + 1) throw new IntentModelError(`rowStart has ${rowStart.length} entries, expected ${keys.length + 1}`, 'corrupt');
  if (classes.length !== values.length || rowStart[0] !== 0 || rowStart[keys.length] !== values.length) {
    throw new IntentModelError('rowStart, classes and weights do not agree', 'corrupt');
  }
  for (let f = 0; f < keys.length; f++) if (rowStart[f + 1]! < rowStart[f]!) throw new IntentModelError(`rowStart decreases at feature ${f}`, 'corrupt');
  for (const c of classes) if (c >= k) throw new IntentModelError(`weight class ${c} is outside 0..${k - 1}`, 'corrupt');
  if (m.bias.length !== k) throw new IntentModelError(`bias has ${m.bias.length} entries, expected ${k}`, 'corrupt');
  keys.forEach((key, i) => {
    if (key < 0 || key >= limit) throw new IntentModelError(`feature key ${key} is outside 2^${m.features.hashBits + 1}`, 'corrupt');
    if (i > 0 && key <= keys[i - 1]!) throw new IntentModelError('feature keys must be strictly ascending', 'corrupt');
  });
  const space = makeFeatureSpace(m.features, keys, idf);
  return makeModel(m.labels, { space, linear: { rowStart, classes, values, bias: Float32Array.from(m.bias) } }, m.temperature, m.threshold, m.training);
}
