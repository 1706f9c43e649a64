// Peer baseline for one matmul: ONNX Runtime (CPU, graph optimizations on) running a one-node
// model, Y = A · B with B a constant initializer (K×N, as a layer's weight in an exported
// model, which ORT may pre-pack) and A the input (M×K), built as ../shared/peers/ort_layer.js
// builds its layers. Run it from the folder where onnxruntime-node is installed (bench/
// layer_bench.py copies it to build/peers):
//   node ort_matmul.js M N K [THREADS] [REPEATS]
// Prints one JSON line: the shape, the median seconds per call, GFLOP/s (2·M·N·K), and this
// process's peak RSS. Values come from a fixed LCG (B in ±1/√K, A in ±1).
const ort = require('onnxruntime-node');
const { onnx } = require('onnx-proto');

const nums = process.argv.slice(2).map(Number);
if (nums.length < 3 || nums.some((v) => !Number.isInteger(v) || v <= 0)) {
  console.error('usage: node ort_matmul.js M N K [THREADS] [REPEATS]');
  process.exit(2);
}
const [M, N, K] = nums;
const THREADS = nums[3] || 2, REPEATS = nums[4] || 10;

let seed = 12345;
function random(n, scale) {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) { seed = (seed * 1103515245 + 12345) >>> 0; a[i] = ((seed / 4294967296) - 0.5) * 2 * scale; }
  return a;
}

const vi = (name, dims) => onnx.ValueInfoProto.create({
  name, type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
});
const weight = onnx.TensorProto.create({
  name: 'B', dims: [K, N], dataType: 1, rawData: Buffer.from(random(K * N, 1 / Math.sqrt(K)).buffer),
});
const node = onnx.NodeProto.create({ opType: 'MatMul', domain: '', input: ['A', 'B'], output: ['Y'] });
const graph = onnx.GraphProto.create({
  name: 'matmul', node: [node], initializer: [weight], input: [vi('A', [M, K])], output: [vi('Y', [M, N])],
});
const model = onnx.ModelProto.create({ irVersion: 10, opsetImport: [{ domain: '', version: 23 }], graph });

(async () => {
  const session = await ort.InferenceSession.create(onnx.ModelProto.encode(model).finish(), {
    intraOpNumThreads: THREADS, interOpNumThreads: 1, graphOptimizationLevel: 'all',
  });
  const feeds = { A: new ort.Tensor('float32', random(M * K, 1), [M, K]) };
  await session.run(feeds);
  const times = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const flop = 2 * M * N * K;
  console.log(JSON.stringify({
    peer: 'onnxruntime-cpu', version: ort.env.versions.node, M, N, K, threads: THREADS, repeats: REPEATS,
    median_s: median, gflops: flop / median / 1e9, flop, peak_rss_mib: process.resourceUsage().maxRSS / 1024,
  }));
})().catch((e) => { console.error('error:', e.message); process.exit(1); });
