import type { ExportSubject, PersonalDataSource } from '../../shared/rights/export';
import type { ExportStore } from '../../shared/rights/ports';

/** The exports bucket in memory: each export read chunk by chunk, as the S3 upload reads its stream. */
export class MemoryExportStore implements ExportStore {
  readonly objects = new Map<string, string>();
  readonly saves: { key: string; chunks: number }[] = [];
  /** Called with the text read so far after each chunk: a test's look at what the export held then. */
  onChunk: (readSoFar: string) => void = () => undefined;

  async save(key: string, chunks: AsyncIterable<string>) {
    let text = '';
    let count = 0;
    for await (const chunk of chunks) {
      text += chunk;
      count += 1;
      this.onChunk(text);
    }
    this.objects.set(key, text);
    this.saves.push({ key, chunks: count });
  }

  async exists(key: string) {
    return this.objects.has(key);
  }

  async downloadUrl(key: string, expiresInSeconds: number) {
    return `https://exports.example.test/${key}?expires=${expiresInSeconds}`;
  }

  async removeAll(keys: readonly string[]) {
    for (const key of keys) this.objects.delete(key);
  }
}

/** A source yielding `items` in pages of `pageSize`, noting the subject it was asked about. */
export const pagedSource = (items: readonly Record<string, unknown>[], pageSize = 100, asked: ExportSubject[] = []): PersonalDataSource =>
  async function* (subject) {
    asked.push(subject);
    for (let from = 0; from < items.length; from += pageSize) yield items.slice(from, from + pageSize);
  };
