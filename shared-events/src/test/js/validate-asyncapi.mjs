// Parses the AsyncAPI document with the AsyncAPI initiative's own parser (its spec schemas, binding
// schemas and rules) and fails on any diagnostic of severity error. Only files are read: the
// document's references are relative paths to the JSON Schema files beside it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const source = resolve(process.argv[2] ?? 'src/main/resources/asyncapi.yaml');
const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(source, 'utf8'), { source });

const names = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information', [DiagnosticSeverity.Hint]: 'hint' };
for (const d of diagnostics) {
  console.log(`${names[d.severity]} ${d.code} at ${d.path.join('.')}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
console.log(`${source}: ${errors.length} errors, ${diagnostics.length - errors.length} other diagnostics`);
if (errors.length > 0 || document === undefined) {
  process.exit(1);
}
console.log(`channels: ${document.channels().all().map((c) => c.address()).join(', ')}`);
