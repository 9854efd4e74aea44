/**
 * The model policy a run compares each policy with (`--model FILE`,
 * `settings.model`): read and parsed once per run and thread, whatever number
 * of files are linted against it, and attached to the settings that name it.
 * It is read by the same entry as every linted file (bytes -> text -> document),
 * so a model can be in any format policy-lint reads.
 */
import type { PolicyDocument, Settings } from '../types.js';
import { decodeSource, SourceError } from './source.js';
import { buildDocument } from './build.js';
import { NotRegularFileError, readRegularFile } from './regular-file.js';

/** A model file that cannot be read or parsed; the message names the file as shown. */
export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}

const loaded = new Map<string, PolicyDocument>();

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (error instanceof NotRegularFileError) return error.what;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

/** The model at `file` (an absolute path), parsed on first use. `shown` is how messages name it. */
export function loadModel(file: string, shown: string = file): PolicyDocument {
  const cached = loaded.get(file);
  if (cached) return cached;
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(file);
  } catch (error) {
    throw new ModelError(`the model policy ${shown}: ${describeReadError(error)}`);
  }
  let doc: PolicyDocument;
  try {
    doc = buildDocument(file, decodeSource(bytes));
  } catch (error) {
    if (error instanceof SourceError) throw new ModelError(`the model policy ${shown}: ${error.message}`);
    throw error;
  }
  loaded.set(file, doc);
  return doc;
}

/** Parse the model `settings` names, if any and not parsed yet (throws ModelError). */
export function attachModel(settings: Settings, shown?: (file: string) => string): void {
  const model = settings.model;
  if (!model || model.doc) return;
  model.doc = loadModel(model.file, shown ? shown(model.file) : model.file);
}
