/**
 * Tensors as a .safetensors file (https://huggingface.co/docs/safetensors): an 8-byte little-endian
 * header length, a JSON header { name: { dtype, shape, data_offsets: [begin, end] }, __metadata__ },
 * then the raw little-endian data. Chosen for the PyTorch export because reading it runs no code
 * (torch.load of a pickle can), the safetensors package reads it, and without that package a dozen
 * lines of stdlib + torch do (model.py carries them). Pure: no tfjs, no DOM.
 */
export interface SafeTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export function safetensorsBytes(tensors: readonly SafeTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`Tensor ${t.name} has ${t.data.length} values, its shape [${t.shape}] needs ${count}.`);
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * count] };
    offset += 4 * count;
  }
  // The spec allows trailing spaces in the header; padding it to 8 bytes keeps the data aligned.
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors) {
    for (let i = 0; i < t.data.length; i++) view.setFloat32(at + 4 * i, t.data[i], true);
    at += 4 * t.data.length;
  }
  return out;
}
