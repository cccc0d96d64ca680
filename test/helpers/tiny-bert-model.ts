/**
 * Generates a tiny BERT-shaped model folder (ONNX + WordPiece tokenizer) so the
 * transformers.js embedder can be tested offline, without downloading weights.
 *
 * The "model" is just a word-embedding lookup (plus a token-type embedding,
 * masked by attention_mask): last_hidden_state[b, s] = (E[id] + T[type]) * mask.
 * Mean pooling over it makes texts that share words similar, which is what the
 * tests assert. All values come from a seeded PRNG, so runs are deterministic.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const TINY_HIDDEN_SIZE = 16;

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const PUNCT = [':', '.', ',', '?', '!', '(', ')', '-', '，', '。', '：', '？'];
const WORDS = [
  'query', 'passage', 'the', 'a', 'an', 'of', 'and', 'in', 'on', 'to', 'is', 'are', 'for', 'with', 'by',
  'what', 'how', 'when', 'which', 'does', 'plan', 'river', 'mekong', 'lancang', 'water', 'resources',
  'cooperation', 'trade', 'agriculture', 'energy', 'tourism', 'health', 'education', 'climate', 'fish',
  'rice', 'bridge', 'road', 'railway', 'port', 'customs', 'border', 'power', 'grid', 'solar', 'farm',
  'farmers', 'school', 'students', 'hospital', 'doctors', 'flood', 'drought', 'forest', 'poverty',
  'digital', 'economy', 'internet', 'culture', 'youth', 'media', 'security', 'law', 'police', 'market',
  'invest', 'bank', 'finance', 'science', 'technology', 'green', 'development', 'people', 'country',
  'countries', 'china', 'thailand', 'vietnam', 'laos', 'cambodia', 'myanmar', '2023', '2027',
  '##s', '##ing', '##ed', '##er', '##ly',
];
const CJK = [...'澜沧江湄公河合作计划水资源农业能旅游贸易经济发展国家中泰越老柬缅电力网学校医院洪旱森林贫困数字文化青年安全法律市场投金融科技绿色人民'];

/** Deterministic PRNG (mulberry32) so embeddings are identical on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildVocab(): Map<string, number> {
  const vocab = new Map<string, number>();
  for (const t of [...SPECIAL, ...PUNCT, ...WORDS, ...new Set(CJK)]) if (!vocab.has(t)) vocab.set(t, vocab.size);
  return vocab;
}

function floatTensor(name: string, dims: number[], data: Float32Array) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
}

function io(name: string, elemType: number, dims: (string | number)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });
}

function buildOnnxModel(vocabSize: number, hidden: number): Uint8Array {
  // Word embeddings: uniform in [-1, 1); special tokens are zero so [CLS]/[SEP]
  // do not add a shared component to every pooled vector.
  const rnd = prng(42);
  const word = new Float32Array(vocabSize * hidden);
  for (let i = 0; i < word.length; i++) word[i] = rnd() * 2 - 1;
  word.fill(0, 0, SPECIAL.length * hidden);
  // Token-type embeddings: small, so they are used but barely matter.
  const types = new Float32Array(2 * hidden);
  for (let i = 0; i < types.length; i++) types[i] = (rnd() * 2 - 1) * 0.01;
  const axes = onnx.TensorProto.create({ name: 'unsqueeze_axes', dims: [1], dataType: onnx.TensorProto.DataType.INT64, int64Data: [2] });

  const INT64 = onnx.TensorProto.DataType.INT64;
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const graph = onnx.GraphProto.create({
    name: 'tiny_bert',
    node: [
      { opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['words'], name: 'gather_words' },
      { opType: 'Gather', input: ['token_type_embeddings', 'token_type_ids'], output: ['types'], name: 'gather_types' },
      { opType: 'Add', input: ['words', 'types'], output: ['embedded'], name: 'add' },
      {
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_f'],
        name: 'cast_mask',
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
      },
      { opType: 'Unsqueeze', input: ['mask_f', 'unsqueeze_axes'], output: ['mask_3d'], name: 'unsqueeze' },
      { opType: 'Mul', input: ['embedded', 'mask_3d'], output: ['last_hidden_state'], name: 'mask' },
    ],
    initializer: [
      floatTensor('word_embeddings', [vocabSize, hidden], word),
      floatTensor('token_type_embeddings', [2, hidden], types),
      axes,
    ],
    input: [
      io('input_ids', INT64, ['batch_size', 'sequence_length']),
      io('attention_mask', INT64, ['batch_size', 'sequence_length']),
      io('token_type_ids', INT64, ['batch_size', 'sequence_length']),
    ],
    output: [io('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', hidden])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'planbot-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

function tokenizerJson(vocab: Map<string, number>): unknown {
  const id = (t: string): number => vocab.get(t)!;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({
      id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab),
    },
  };
}

/** Writes config.json, tokenizer files and onnx/model.onnx (the fp32 file name) into `dir`. */
export async function writeTinyBertModel(dir: string): Promise<void> {
  const vocab = buildVocab();
  const hidden = TINY_HIDDEN_SIZE;
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: hidden,
    num_attention_heads: 1,
    num_hidden_layers: 1,
    intermediate_size: hidden * 2,
    vocab_size: vocab.size,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: 0,
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: 512,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  };
  await writeFile(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  await writeFile(path.join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  await writeFile(path.join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, 2));
  // dtype 'fp32' maps to the empty suffix, i.e. onnx/model.onnx (q8 would be model_quantized.onnx).
  await writeFile(path.join(dir, 'onnx', 'model.onnx'), buildOnnxModel(vocab.size, hidden));
}
