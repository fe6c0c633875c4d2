/**
 * The one place where XML names become TypeScript identifiers. Every rule here is documented in
 * the README ("Naming"); change both together.
 */

/** Words TypeScript reserves in type positions or as identifiers. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with as implements interface ' +
    'let package private protected public static yield any boolean number string symbol bigint object never unknown undefined ' +
    'type keyof readonly infer is asserts declare module namespace require global await async of'
  ).split(' '),
);

/**
 * Global names a generated type must not shadow: a module that declares `String` or `Date`
 * breaks every use of the global in it, and consumers would import confusing names. Plesk's
 * `common.xsd` defines simple types named `string`, `boolean`, `date`, … which hit these.
 */
const GLOBALS = new Set(
  (
    'Array ArrayBuffer BigInt Boolean DataView Date Error EvalError Function Infinity Intl JSON Map Math NaN Number Object ' +
    'Promise Proxy RangeError ReferenceError Reflect RegExp Set String Symbol SyntaxError TypeError URIError WeakMap WeakSet ' +
    'Uint8Array Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Parameters InstanceType ' +
    'Awaited Iterable Iterator PropertyKey Element Node Document Text Event Buffer URL Response Request Headers'
  ).split(' '),
);

/**
 * Every name the runtime package exports (`plesk-api-codegen-runtime` and its `/client` entry).
 * A generated tree's `index.ts` re-exports both beside its own types (`export *`), and its
 * modules import some of them (`OneOf`, `ParseOptions`, `ComplexDesc`, …), so a schema type with
 * one of these names would make the index ambiguous (TS2308) or clash with an import. They are
 * reserved like the tree's own names: a schema type `ParseOptions` becomes `ParseOptions2`.
 * (Importing runtime names under aliases would fix the imports but not the index's re-exports.)
 * `test/binding/runtime-names.test.ts` checks that the list holds every name the runtime exports
 * (add a new runtime export here; a name no longer exported may stay).
 */
export const RUNTIME_EXPORTS: readonly string[] = [
  // plesk-api-codegen-runtime
  'serialize', 'escapeText', 'escapeAttr', 'SerializeOptions', 'parse', 'parseStrict', 'parseWithWarnings', 'DEFAULT_MAX_BYTES',
  'ParseOptions', 'ParseResult', 'ParseWarning', 'PleskXmlError', 'XmlSyntaxError', 'SchemaViolationError',
  'formatViolation', 'Violation', 'deref', 'isComplex', 'AnyElementValue', 'AnyElement', 'XmlFragment', 'OneOf', 'Absent', 'OtherBranchesAbsent',
  'ValueKind', 'WhiteSpace', 'WhiteSpaceCode', 'DESCRIPTOR_FORMAT', 'checkDescriptorFormat', 'SimpleDesc', 'AttrDesc', 'ElemDesc', 'GroupDesc', 'AnyDesc', 'ParticleDesc',
  'ComplexDesc', 'TypeDesc', 'TypeRef', 'RootDesc', 'IdentityDesc', 'IdentityPathDesc', 'enableIdentityConstraints', 'enableXsiTypes', 'enableMixedContent', 'enableSchemaLocations', 'enableGeneralCore', 'XsiTyped', 'SchemaLocations', 'XsiTypeDesc', 'namespacePrefixes', 'NamespacePrefixes',
  'ElementOptions', 'elementDesc', 'sequenceDesc', 'choiceDesc', 'allDesc', 'withSupport', 'RuntimeFeature', 'untypedContent', 'laxGlobals', 'anyAttributes', 'fixedValues', 'lexicalSpaces', 'uriReferences', 'listTypes', 'unionTypes', 'numberTypes', 'decimalTypes', 'bigintTypes', 'lexicalFacets',
  // plesk-api-codegen-runtime/client
  'PleskClientCore', 'DEFAULT_PATH', 'DEFAULT_PORT', 'DEFAULT_TIMEOUT_MS', 'FetchFunction', 'PacketCodec',
  'PleskCallOptions', 'PleskClientDefaults', 'PleskClientOptions', 'PleskRawResponse', 'PleskAbortError',
  'PleskClientError', 'PleskHttpError', 'PleskNetworkError', 'PleskOperationError', 'PleskResponseError',
  'PleskSystemError', 'PleskTimeoutError', 'PleskTlsError', 'PleskClientErrorCode', 'PleskResultLike',
  'operationResults', 'packetOperations', 'settle', 'settleOperation', 'throwIfSystemError', 'PacketOperation',
  'Redact', 'SettledError', 'SettledOk', 'SettledOperation', 'fromHeaderByteString', 'toHeaderByteString',
  'REDACTED', 'PleskAuth', 'BodyTooLarge', 'DEFAULT_HTTP_PORT', 'PleskClientSettings', 'PleskEndpointOptions', 'PleskError',
  'PleskTransport', 'PleskTransportRequest', 'PleskTransportResponse', 'PleskTruncatedResponseError', 'TruncatedBody',
  'endpointUrl', 'OperationsLayout', 'PacketLayouts', 'buildPacket', 'operationRunner', 'runBatch', 'runBatchSettled',
  'runOperations', 'BatchOperation', 'BatchSettled', 'BatchValues', 'CallOptionsOf', 'OperationCore', 'OperationMode',
  'OperationRunner', 'Outcome', 'pickedClient', 'PickedOperators', 'PleskOperation', 'PleskOperatorParts', 'PleskPacketElement', 'PleskPacketParts',
  'PleskPickedClient',
];

/** The class of the generated client that holds one operator's methods: `backup-manager` → `BackupManagerOperations`. */
export function operatorClassName(xmlName: string): string {
  return `${pascalCase(xmlName)}Operations`;
}

/**
 * The PascalCase word that stands for a namespace in type names that would otherwise collide
 * across namespaces: the prefix the schemas declare for it (`cbc` → `Cbc`), or else the last
 * segment of the namespace URI without a trailing version
 * (`urn:…:xsd:CommonAggregateComponents-2` → `CommonAggregateComponents`,
 * `http://www.omg.org/spec/BPMN/20100524/MODEL` → `Model`).
 */
export function namespacePrefixName(ns: string, declaredPrefix?: string): string {
  if (declaredPrefix !== undefined && words(declaredPrefix).length > 0) return pascalCase(declaredPrefix);
  const segments = ns.split(/[/:#?]+/).filter((seg) => /\p{L}/u.test(seg) && !/^v?\d+(?:[-_.]\d+)*$/i.test(seg));
  const last = (segments[segments.length - 1] ?? 'Ns').replace(/[-_.]?v?\d+(?:[-_.]\d+)*$/i, '');
  const name = pascalCase(/^[\p{Lu}\d_-]+$/u.test(last) ? last.toLowerCase() : last);
  return name === 'Unnamed' ? 'Ns' : name;
}

/**
 * The module (file) name of a target namespace in the general core's tree: the words of the
 * namespace URI's last meaningful segment (without a version or a `.xsd` ending), lower-case and
 * joined by `-` (`urn:…:xsd:CommonBasicComponents-2` → `common-basic-components`, `urn:order` →
 * `order`, `http://www.omg.org/spec/BPMN/20100524/MODEL` → `model`). For namespaces whose names
 * would be alike, `detail` 2 takes the last two segments (`…/BPMN/20100524/DI` → `bpmn-di`) and
 * `detail` 3 adds the version (`http://uri.etsi.org/01903/v1.3.2#` → `uri-etsi-org-v1-3-2`).
 * Taken from the URI, not from a prefix, so it does not change with the prefix a document declares.
 */
export function namespaceModuleName(ns: string, detail: 1 | 2 | 3 = 1): string {
  const raw = ns
    .replace(/\.(?:xsd|xml)$/i, '')
    .split(/[/:#?]+/)
    .filter((seg, i) => seg !== '' && !(i === 0 && /^(?:https?|urn|ftp)$/i.test(seg)));
  const isVersion = (seg: string): boolean => /^v?\d+(?:[-_.]\d+)*$/i.test(seg);
  const parts = raw.filter((seg) => /\p{L}/u.test(seg) && !isVersion(seg)).map((seg) => seg.replace(/[-_.]?v?\d+(?:[-_.]\d+)*$/i, ''));
  const chosen = parts.slice(detail === 2 ? -2 : -1);
  if (detail === 3) {
    const versions = raw.filter(isVersion);
    if (versions.length > 0) chosen.push(versions[versions.length - 1]);
  }
  const name = chosen.flatMap((seg) => words(/^[\p{Lu}\d_-]+$/u.test(seg) ? seg.toLowerCase() : seg)).map((w) => w.toLowerCase()).join('-');
  return name === '' ? 'ns' : name;
}

/** Splits an XML name into words at `-`, `_`, `.`, spaces and lower→upper case changes. */
export function words(xmlName: string): string[] {
  return xmlName
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `srvOpType` → `SrvOpType`, `result_status` → `ResultStatus`, `ip-address` → `IpAddress`. */
export function pascalCase(xmlName: string): string {
  const joined = words(xmlName).map(capitalize).join('');
  const name = joined.length === 0 ? 'Unnamed' : joined;
  return /^[0-9]/.test(name) ? `T${name}` : name;
}

/** `srv_man` → `srvMan`, `split-size` → `splitSize`, `IP` → `ip`. */
export function camelCase(xmlName: string): string {
  const parts = words(xmlName);
  if (parts.length === 0) return 'unnamed';
  const [first, ...rest] = parts;
  const head = /^[\p{Lu}\p{N}]+$/u.test(first) ? first.toLowerCase() : first.charAt(0).toLowerCase() + first.slice(1);
  const name = head + rest.map(capitalize).join('');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Whether `name` can be written unquoted as a property key. */
export function isIdentifier(name: string): boolean {
  return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name);
}

/** A single-quoted JavaScript string literal of `s`. */
export function stringLiteral(s: string): string {
  return `'${s
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

/** A property key as it must be written in TypeScript source: bare when possible, quoted otherwise. */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : stringLiteral(name);
}

/**
 * The name of an exported constant for an operation (the `clientFor` building blocks): its
 * property name when that is a plain identifier, else its XML name camel-cased; a reserved word
 * (`delete`, `import`) gets `Operation` appended.
 */
export function operationConstName(prop: string, xml: string): string {
  const name = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(prop) ? prop : camelCase(xml);
  return RESERVED.has(name) ? `${name}Operation` : name;
}

/** A type name that is neither reserved nor a global: `String` → `StringType`. */
export function safeTypeName(candidate: string): string {
  return RESERVED.has(candidate) || GLOBALS.has(candidate) ? `${candidate}Type` : candidate;
}

/**
 * Hands out unique names in one scope, in call order: the first claimant of a name gets it,
 * later ones get `2`, `3`, … appended. With `caseInsensitive`, names differing only in letter
 * case count as the same (for file names that must stay distinct on such file systems).
 */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(private readonly caseInsensitive = false) {}

  private key(name: string): string {
    return this.caseInsensitive ? name.toLowerCase() : name;
  }

  has(name: string): boolean {
    return this.taken.has(this.key(name));
  }

  /** Reserves `name` exactly, or returns false when it is taken. */
  claimExact(name: string): boolean {
    if (this.has(name)) return false;
    this.taken.add(this.key(name));
    return true;
  }

  claim(candidate: string): string {
    let name = candidate;
    for (let n = 2; this.has(name); n++) name = `${candidate}${n}`;
    this.taken.add(this.key(name));
    return name;
  }
}
