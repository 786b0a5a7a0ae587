/**
 * The commands the export help shows beside each file (code, the same in every language). Plain
 * strings, no imports: the page shows them without loading the exporters.
 */

/** Embeds one random 32 px image with the exported ONNX encoder (pip install onnxruntime numpy). */
export const ONNX_RUN_COMMAND =
  'python3 -c "import onnxruntime as ort, numpy as np; s = ort.InferenceSession(\'run.onnx\'); ' +
  'print(s.run([\'h\'], {\'images\': np.random.rand(1, 32, 32, 3).astype(\'float32\')})[0].shape)"';

/** Unzips the PyTorch export, checks model.py, and continues the experiment on two processes (torch >= 1.13). */
export const PYTORCH_RUN_COMMAND = 'unzip run.pytorch.zip -d run && cd run && python3 model.py encoder.safetensors && ' +
  'torchrun --nproc_per_node=2 train.py --data path/to/folder --steps 1000';
