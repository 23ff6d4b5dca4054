import { DOCUMENT_CATALOGUE } from '../../src/core/documents.ts';
import { KioskError } from '../../src/core/errors.ts';
import type { Family, Person } from '../../src/core/record.ts';
import { orDash, upper, type RenderContext } from '../context.ts';
import { drawFitted, drawInBox, fitText } from '../fit.ts';
import { addPage, BSRE_STATEMENT, DEMO_STATEMENT, drawEmblem, drawQr, qrSide, type Doc } from '../pdf.ts';
import { drawGrid, drawRow, measureRow, type CellStyle, type Column, type MeasuredRow } from '../table.ts';
import { formatTanggal } from '../terbilang.ts';

/**
 * Kartu Keluarga, A4 landscape, as the blanko: header, two member tables with numbered
 * columns (1)-(17), each a fixed grid of 10 ruled rows (empty rows stay empty), and the
 * footer at the foot of the page: the issue date, the head of family, and the Kepala Dinas
 * block (title, QR code standing for the electronic signature, name, NIP). A KK lists the
 * members living on its issue date. More than 10 members continue on further pages, each
 * with the header repeated and "Halaman n dari m" (only then).
 */
const [W, H] = DOCUMENT_CATALOGUE.kk.pageSize;
const MX = 22;
const TOP = 14;
const BOTTOM = 16;
const CONTENT_W = W - 2 * MX;
export const KK_ROWS_PER_PAGE = 10;
const QR_MODULE_MM = 0.5;

const TABLE1: readonly Column[] = [
  { width: 20, align: 'center' },
  { width: 140 },
  { width: 88, align: 'center' },
  { width: 60, align: 'center' },
  { width: 92 },
  { width: 56, align: 'center' },
  { width: 105, align: 'center' },
  { width: 96 },
  { width: 100 },
  { width: CONTENT_W - 757, align: 'center' },
];
const TABLE1_HEAD = ['No', 'Nama Lengkap', 'NIK', 'Jenis Kelamin', 'Tempat Lahir', 'Tanggal Lahir', 'Agama', 'Pendidikan', 'Jenis Pekerjaan', 'Golongan Darah'];

const TABLE2: readonly Column[] = [
  { width: 20, align: 'center' },
  { width: 110, align: 'center' },
  { width: 78, align: 'center' },
  { width: 112, align: 'center' },
  { width: 68, align: 'center' },
  { width: 80, align: 'center' },
  { width: 80, align: 'center' },
  { width: (CONTENT_W - 548) / 2 },
  { width: (CONTENT_W - 548) / 2 },
];

const CELL_BASE = { font: 'condensed', size: 7, minSize: 5, padX: 2, padY: 0.5, minRowHeight: 11.5, leading: 1.12 } as const;
const HEAD: CellStyle = { font: 'condensedBold', size: 6.8, minSize: 5.5, padX: 1.5, padY: 1, minRowHeight: 11 };
const NUM_ROW_H = 9;

function table1Row(p: Person, no: number): string[] {
  return [
    String(no),
    upper(p.namaLengkap),
    p.nik,
    p.jenisKelamin,
    upper(p.tempatLahir),
    formatTanggal(p.tanggalLahir),
    p.agama,
    p.pendidikan,
    upper(p.jenisPekerjaan),
    p.golonganDarah,
  ];
}

function table2Row(p: Person, no: number): string[] {
  return [
    String(no),
    p.statusPerkawinan,
    p.tanggalPerkawinan === null ? '-' : formatTanggal(p.tanggalPerkawinan),
    p.statusHubungan,
    p.kewarganegaraan,
    orDash(p.noPaspor),
    orDash(p.noKitap),
    upper(p.namaAyah),
    upper(p.namaIbu),
  ];
}

function headerCell(doc: Doc, text: string, x: number, y: number, w: number, h: number): void {
  drawInBox(doc, text, { x: x + HEAD.padX, y, width: w - 2 * HEAD.padX, height: h }, { font: HEAD.font, size: HEAD.size, minSize: HEAD.minSize }, { align: 'center', valign: 'middle' });
}

function numberRow(doc: Doc, columns: readonly Column[], labels: readonly string[], x: number, y: number): void {
  let cx = x;
  columns.forEach((col, i) => {
    drawInBox(doc, labels[i] ?? '', { x: cx, y, width: col.width, height: NUM_ROW_H }, { font: 'condensed', size: 6, minSize: 5 }, { align: 'center', valign: 'middle' });
    cx += col.width;
  });
}

/** Table 1 header: one 2-line heading row plus the column numbers; returns its height. */
function drawTable1Head(doc: Doc, y: number): number {
  const h = 22;
  let cx = MX;
  TABLE1.forEach((col, i) => {
    headerCell(doc, TABLE1_HEAD[i] ?? '', cx, y, col.width, h);
    cx += col.width;
  });
  numberRow(doc, TABLE1, ['', '(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)'], MX, y + h);
  drawGrid(doc, TABLE1, MX, y, [h, NUM_ROW_H]);
  return h + NUM_ROW_H;
}

/** Table 2 header: group headings over immigration documents and parents' names. */
function drawTable2Head(doc: Doc, y: number): number {
  const h1 = 11;
  const h2 = 11;
  const c = TABLE2.map((col) => col.width);
  const at = (i: number) => MX + c.slice(0, i).reduce((s, w) => s + w, 0);
  const w = (i: number) => c[i] ?? 0;
  const single = ['No', 'Status Perkawinan', 'Tanggal Perkawinan/Perceraian', 'Status Hubungan Dalam Keluarga', 'Kewarganegaraan'];
  single.forEach((label, i) => headerCell(doc, label, at(i), y, w(i), h1 + h2));
  headerCell(doc, 'Dokumen Imigrasi', at(5), y, w(5) + w(6), h1);
  headerCell(doc, 'No. Paspor', at(5), y + h1, w(5), h2);
  headerCell(doc, 'No. KITAP', at(6), y + h1, w(6), h2);
  headerCell(doc, 'Nama Orang Tua', at(7), y, w(7) + w(8), h1);
  headerCell(doc, 'Ayah', at(7), y + h1, w(7), h2);
  headerCell(doc, 'Ibu', at(8), y + h1, w(8), h2);
  numberRow(doc, TABLE2, ['', '(10)', '(11)', '(12)', '(13)', '(14)', '(15)', '(16)', '(17)'], MX, y + h1 + h2);
  doc.save().lineWidth(0.5);
  doc.rect(MX, y, CONTENT_W, h1 + h2 + NUM_ROW_H);
  for (let i = 1; i < c.length; i += 1) {
    const top = i === 6 || i === 8 ? y + h1 : y;
    doc.moveTo(at(i), top).lineTo(at(i), y + h1 + h2 + NUM_ROW_H);
  }
  doc.moveTo(at(5), y + h1).lineTo(MX + CONTENT_W, y + h1);
  doc.moveTo(MX, y + h1 + h2).lineTo(MX + CONTENT_W, y + h1 + h2);
  doc.stroke().restore();
  return h1 + h2 + NUM_ROW_H;
}

function labelled(doc: Doc, label: string, value: string, x: number, y: number, labelW: number, valueW: number): number {
  doc.font('condensed').fontSize(8).text(label, x, y, { lineBreak: false });
  doc.text(':', x + labelW, y, { lineBreak: false });
  const fitted = drawInBox(doc, value, { x: x + labelW + 6, y, width: valueW }, { font: 'condensedBold', size: 8, minSize: 6, maxLines: 2 });
  return Math.max(11, fitted.height + 1.5);
}

function drawHeader(doc: Doc, ctx: RenderContext, head: Person, page: number, pages: number): number {
  const { family } = ctx.input;
  drawEmblem(doc, MX + 22, TOP + 24, 20, 'condensedBold');
  doc.font('condensed').fontSize(7).fillColor('#000000');
  if (pages > 1) {
    const pageLabel = `Halaman ${page} dari ${pages}`;
    doc.text(pageLabel, W - MX - doc.widthOfString(pageLabel), TOP, { lineBreak: false });
  }
  const title = fitText(doc, 'KARTU KELUARGA', { font: 'condensedBold', size: 17, width: 400 });
  drawFitted(doc, title, (W - 400) / 2, TOP, 400, { align: 'center' });
  const no = fitText(doc, `No. ${family.noKk}`, { font: 'condensedBold', size: 11, width: 400 });
  drawFitted(doc, no, (W - 400) / 2, TOP + 22, 400, { align: 'center' });
  let yl = TOP + 44;
  let yr = TOP + 44;
  const a = family.address;
  const lx = MX;
  const rx = W / 2 + 70;
  yl += labelled(doc, 'Nama Kepala Keluarga', upper(head.namaLengkap), lx, yl, 100, 250);
  yl += labelled(doc, 'Alamat', upper(a.alamat), lx, yl, 100, 250);
  yl += labelled(doc, 'RT/RW', `${a.rt}/${a.rw}`, lx, yl, 100, 250);
  yl += labelled(doc, 'Desa/Kelurahan', upper(a.kelurahan), lx, yl, 100, 250);
  yr += labelled(doc, 'Kecamatan', upper(a.kecamatan), rx, yr, 80, W - MX - rx - 86);
  yr += labelled(doc, 'Kabupaten/Kota', upper(a.kabupatenKota), rx, yr, 80, W - MX - rx - 86);
  yr += labelled(doc, 'Kode Pos', a.kodePos, rx, yr, 80, W - MX - rx - 86);
  yr += labelled(doc, 'Provinsi', upper(a.provinsi), rx, yr, 80, W - MX - rx - 86);
  return Math.max(yl, yr) + 5;
}

const OFFICIAL_TITLE_H = 20;
const NAME_H = 10;
const NIP_H = 10;

/** Height of the footer above the bottom margin: the Kepala Dinas block (the signature statement sits beside its foot). */
function footerHeight(ctx: RenderContext): number {
  return OFFICIAL_TITLE_H + qrSide(ctx.qr, QR_MODULE_MM) + NAME_H + NIP_H;
}

function drawFooter(doc: Doc, ctx: RenderContext, head: Person): void {
  const { document } = ctx.input;
  const side = qrSide(ctx.qr, QR_MODULE_MM);
  const top = H - BOTTOM - footerHeight(ctx);
  // Left: issue date.
  doc.font('condensed').fontSize(8).text(`Dikeluarkan Tanggal : ${formatTanggal(document.issuedAt)}`, MX, top + 2, { lineBreak: false });
  // Middle: head of family, the name above the signature statement.
  const nameY = top + OFFICIAL_TITLE_H + side;
  const midX = W / 2 - 210;
  const midW = 300;
  drawInBox(doc, 'KEPALA KELUARGA', { x: midX, y: top + 2, width: midW }, { font: 'condensedBold', size: 8 }, { align: 'center' });
  drawInBox(doc, upper(head.namaLengkap), { x: midX, y: nameY - 12, width: midW, height: NAME_H }, { font: 'condensedBold', size: 8, minSize: 6 }, { align: 'center' });
  // Right: the Kepala Dinas block: title, QR (the electronic signature), name in its own case, NIP.
  const blockW = 250;
  const blockX = W - MX - blockW;
  drawInBox(doc, document.official.jabatan, { x: blockX, y: top, width: blockW, height: OFFICIAL_TITLE_H }, { font: 'condensedBold', size: 7.5, minSize: 6 }, { align: 'center' });
  drawQr(doc, ctx.qr, blockX + (blockW - side) / 2, top + OFFICIAL_TITLE_H, QR_MODULE_MM);
  drawInBox(doc, document.official.nama, { x: blockX, y: nameY, width: blockW, height: NAME_H }, { font: 'condensedBold', size: 8, minSize: 6 }, { align: 'center' });
  drawInBox(doc, `NIP. ${document.official.nip}`, { x: blockX, y: nameY + NAME_H, width: blockW }, { font: 'condensed', size: 7.5, minSize: 6 }, { align: 'center' });
  // Bottom left, level with the foot of the Kepala Dinas block: the electronic-signature statement (and the DEMO marking).
  const statementW = blockX - MX - 12;
  const bottom = nameY + NAME_H + NIP_H;
  drawInBox(doc, BSRE_STATEMENT, { x: MX, y: bottom - (ctx.signer.demo ? 18 : 9), width: statementW }, { font: 'condensed', size: 6.5, minSize: 5.5, maxLines: 1 }, { align: 'left' });
  if (ctx.signer.demo) drawInBox(doc, DEMO_STATEMENT, { x: MX, y: bottom - 9, width: statementW }, { font: 'condensedBold', size: 6.5, minSize: 5.5, maxLines: 1 }, { align: 'left' });
}

/** The members a KK issued on `issuedAt` lists: those alive on that day (a death on the issue date or before removes them). */
export function kkMembers(family: Family, issuedAt: string): Person[] {
  return family.members.filter((m) => m.kematian === null || m.kematian.tanggalKematian > issuedAt);
}

/** Room for the header: four label rows, one of them wrapped to two lines. */
const HEADER_H = TOP + 44 + 5 * 11 + 4;
const GAP = 8;

export function renderKk(doc: Doc, ctx: RenderContext): void {
  const { family, document } = ctx.input;
  const members = kkMembers(family, document.issuedAt);
  const head = members.find((m) => m.nik === family.kepalaKeluargaNik);
  if (head === undefined) {
    throw new KioskError('TEMPLATE_INPUT_INVALID', 'The head of family on this KK record died on or before its issue date.', {
      hint: 'A new KK with a new head of family must be issued first; ask the Dukcapil office.',
    });
  }
  // The page's fixed grid: both tables of KK_ROWS_PER_PAGE rows share what the header, table heads and footer leave.
  const tablesH = H - BOTTOM - footerHeight(ctx) - GAP - HEADER_H - (31 + 31 + 10);
  const rowH = Math.min(14, Math.floor((tablesH / (2 * KK_ROWS_PER_PAGE)) * 10) / 10);
  const cell: CellStyle = { ...CELL_BASE, fixedRowHeight: rowH };
  const pages = Math.max(1, Math.ceil(members.length / KK_ROWS_PER_PAGE));
  const size = DOCUMENT_CATALOGUE.kk.pageSize;
  for (let p = 0; p < pages; p += 1) {
    const first = p * KK_ROWS_PER_PAGE;
    const onPage = members.slice(first, first + KK_ROWS_PER_PAGE);
    const rows1: MeasuredRow[] = onPage.map((m, i) => measureRow(doc, TABLE1, table1Row(m, first + i + 1), cell));
    const rows2: MeasuredRow[] = onPage.map((m, i) => measureRow(doc, TABLE2, table2Row(m, first + i + 1), cell));
    addPage(doc, size);
    if (drawHeader(doc, ctx, head, p + 1, pages) > HEADER_H) {
      throw new KioskError('RENDER_FAILED', 'The KK address is too long for its place on the form.', { hint: 'The record holds unusually long text; ask the Dukcapil office to check it.' });
    }
    let y = HEADER_H;
    y += drawTable1Head(doc, y);
    const grid = Array.from({ length: KK_ROWS_PER_PAGE }, () => rowH);
    rows1.forEach((row, i) => drawRow(doc, TABLE1, row, MX, y + i * rowH, cell));
    drawGrid(doc, TABLE1, MX, y, grid);
    y += KK_ROWS_PER_PAGE * rowH + 10;
    y += drawTable2Head(doc, y);
    rows2.forEach((row, i) => drawRow(doc, TABLE2, row, MX, y + i * rowH, cell));
    drawGrid(doc, TABLE2, MX, y, grid);
    drawFooter(doc, ctx, head);
  }
}
