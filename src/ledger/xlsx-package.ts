import type { Light } from '../core/lights.js';

/** The fill of a light's cell (ARGB), as the workbook stores it. */
export const LIGHT_FILLS: Record<Light, string> = { red: 'FFFF6B6B', yellow: 'FFFFD966', green: 'FF92D050' };
const HEADER_FILL = 'FFD9E1F2';

/** Number formats of the kinds that have one. */
export const NUMBER_FORMATS = { percent: '0.0%', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' } as const;

/** Indexes into styles.xml's cellXfs: one style per look, every cell names one. */
export const STYLE = { plain: 0, header: 1, percent: 2, date: 3, datetime: 4, red: 5, yellow: 6, green: 7 } as const;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'application/vnd.openxmlformats-officedocument';

const solid = (argb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/></patternFill></fill>`;
const xf = (numFmt: number, font: number, fill: number, extra = '') =>
  `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${extra}`;

/**
 * styles.xml: two fonts (plain, bold), the fills Excel requires (none, gray125) then the header's and the
 * three lights', three number formats, and the cell styles `STYLE` names, in that order.
 */
export const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  `<numFmts count="3"><numFmt numFmtId="164" formatCode="${NUMBER_FORMATS.percent}"/><numFmt numFmtId="165" formatCode="${NUMBER_FORMATS.date}"/><numFmt numFmtId="166" formatCode="${NUMBER_FORMATS.datetime}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  `<fills count="6"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${solid(HEADER_FILL)}${solid(LIGHT_FILLS.red)}${solid(LIGHT_FILLS.yellow)}${solid(LIGHT_FILLS.green)}</fills>` +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="8">' +
  `${xf(0, 0, 0)}/>${xf(0, 1, 2, ' applyAlignment="1"')}><alignment vertical="center"/></xf>` +
  `${xf(164, 0, 0)}/>${xf(165, 0, 0)}/>${xf(166, 0, 0)}/>${xf(0, 0, 3)}/>${xf(0, 0, 4)}/>${xf(0, 0, 5)}/>` +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>';

/** Text for an XML attribute value or element: &, <, >, quotes escaped; characters XML 1.0 forbids dropped. */
export function xmlEscape(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIALS, (ch) => XML_ENTITIES[ch] ?? '') : text;
}
const XML_SPECIAL = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const XML_SPECIALS = new RegExp(XML_SPECIAL.source, 'g');
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** [Content_Types].xml: the shared defaults (rels, xml) and one override per part. */
export function contentTypesXml(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${OFFICE}.spreadsheetml.worksheet+xml"/>`).join('');
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${OFFICE}.spreadsheetml.sheet.main+xml"/>${sheets}` +
    `<Override PartName="/xl/styles.xml" ContentType="${OFFICE}.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${OFFICE}.spreadsheetml.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${OFFICE}.extended-properties+xml"/></Types>`
  );
}

/** _rels/.rels: the workbook and the document properties. */
export const ROOT_RELS_XML =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

/** docProps/core.xml and app.xml: who made the workbook. */
export const CORE_XML = `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>plan-bot</dc:creator></cp:coreProperties>`;
export const APP_XML = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>plan-bot</Application></Properties>`;

/** xl/workbook.xml: the sheets by name (the first one active) and their relationship ids. */
export function workbookXml(sheetNames: readonly string[]): string {
  const sheets = sheetNames.map((name, i) => `<sheet name="${xmlEscape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets></workbook>`;
}

/** xl/_rels/workbook.xml.rels: each sheet, then the styles and the shared strings. */
export function workbookRelsXml(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const n = sheetCount;
  return (
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${sheets}<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
  );
}

/** xl/sharedStrings.xml, piece by piece: every distinct text once, in the order cells refer to them by index. */
export function* sharedStringsXml(strings: readonly string[], references: number): Generator<string> {
  let xml = `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${references}" uniqueCount="${strings.length}">`;
  for (const text of strings) {
    // Spaces at either end are kept only when the text says so (a reader would trim them).
    const edge = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 ? ' xml:space="preserve"' : '';
    xml += `<si><t${edge}>${xmlEscape(text)}</t></si>`;
    if (xml.length >= 1 << 18) {
      yield xml;
      xml = '';
    }
  }
  yield `${xml}</sst>`;
}

/** A worksheet's opening up to `<sheetData>`: its extent, the header row frozen, column widths. */
export function worksheetHead(opts: { lastCell: string; selected: boolean; widths: readonly number[] }): string {
  const cols = opts.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1:${opts.lastCell}"/>` +
    `<sheetViews><sheetView${opts.selected ? ' tabSelected="1"' : ''} workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`
  );
}

/** A worksheet's end after its rows. */
export const WORKSHEET_TAIL = '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
