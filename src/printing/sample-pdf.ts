import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * Deterministic stand-in documents for tests and the benchmark, with the text density of the
 * real ones: a KK-like A4 landscape page (title block, a 10-member table in small type on a
 * grid, QR code) and an akta-like A4 portrait page (framed, a title, label: value lines, QR).
 * No personal data: every value is made up.
 */
export interface SamplePdfOptions {
  readonly kind: 'kk' | 'akta';
  readonly pages?: number;
  /** Text of the QR code on each page (default: a verification URL). */
  readonly qr?: string;
  /** Draw a grey photo-like box (to exercise dithering). */
  readonly photo?: boolean;
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  for (let r = 0; r < n; r += 1)
    for (let c = 0; c < n; c += 1) if (qr.modules.get(r, c)) doc.rect(x + c * cell, y + r * cell, cell, cell);
  doc.fill('#000000');
}

function kkPage(doc: PDFKit.PDFDocument, page: number, qr: string, photo: boolean): void {
  doc.font('Helvetica-Bold').fontSize(14).text('KARTU KELUARGA', 0, 36, { align: 'center', width: 842 });
  doc.font('Helvetica').fontSize(10).text(`No. 3201${String(page).padStart(2, '0')}0101090001`, 0, 56, { align: 'center', width: 842 });
  const left = [
    ['Nama Kepala Keluarga', 'CONTOH KEPALA KELUARGA'],
    ['Alamat', 'JL. CONTOH RAYA NO. 12'],
    ['RT/RW', '001/002'],
    ['Desa/Kelurahan', 'CONTOH JAYA'],
  ];
  const right = [
    ['Kecamatan', 'CONTOH BARAT'],
    ['Kabupaten/Kota', 'KABUPATEN CONTOH'],
    ['Kode Pos', '16110'],
    ['Provinsi', 'JAWA BARAT'],
  ];
  doc.fontSize(8);
  left.forEach(([k, v], i) => doc.text(`${k}`, 30, 80 + i * 11).text(`: ${v}`, 140, 80 + i * 11));
  right.forEach(([k, v], i) => doc.text(`${k}`, 520, 80 + i * 11).text(`: ${v}`, 610, 80 + i * 11));
  const cols = ['No', 'Nama Lengkap', 'NIK', 'Jenis Kelamin', 'Tempat Lahir', 'Tanggal Lahir', 'Agama', 'Pendidikan', 'Jenis Pekerjaan', 'Gol. Darah'];
  const widths = [20, 140, 95, 60, 80, 60, 50, 95, 110, 42];
  const table = (top: number, headers: string[], rows: string[][]) => {
    const h = 12;
    doc.lineWidth(0.5);
    let x = 30;
    headers.forEach((title, i) => {
      const w = widths[i] ?? 60;
      doc.rect(x, top, w, h).stroke();
      doc.font('Helvetica-Bold').fontSize(6).text(title, x + 2, top + 3, { width: w - 4, lineBreak: false });
      x += w;
    });
    rows.forEach((row, r) => {
      let cx = 30;
      row.forEach((cell, i) => {
        const w = widths[i] ?? 60;
        doc.rect(cx, top + h * (r + 1), w, h).stroke();
        doc.font('Helvetica').fontSize(6.5).text(cell, cx + 2, top + h * (r + 1) + 3, { width: w - 4, lineBreak: false });
        cx += w;
      });
    });
  };
  const names = ['CONTOH KEPALA KELUARGA', 'CONTOH ISTRI', 'CONTOH ANAK PERTAMA', 'CONTOH ANAK KEDUA', 'CONTOH ANAK KETIGA', 'CONTOH ANAK KEEMPAT', 'CONTOH ORANG TUA', 'CONTOH FAMILI LAIN'];
  const rows1 = names.map((name, i) => [String(i + 1), name, `32010112${String(80 + i).padStart(2, '0')}00000${i + 1}`, i % 2 === 0 ? 'LAKI-LAKI' : 'PEREMPUAN', 'KAB. CONTOH', `0${(i % 9) + 1}-0${(i % 9) + 1}-19${80 + i}`, 'ISLAM', 'SLTA/SEDERAJAT', 'KARYAWAN SWASTA', 'O']);
  table(135, cols, rows1);
  const cols2 = ['No', 'Status Perkawinan', 'Tgl Perkawinan', 'Status Hubungan', 'Kewarganegaraan', 'No. Paspor', 'No. KITAS/KITAP', 'Nama Ayah', 'Nama Ibu', ''];
  const rows2 = names.map((_, i) => [String(i + 1), i < 2 ? 'KAWIN TERCATAT' : 'BELUM KAWIN', i < 2 ? '01-01-2005' : '-', i === 0 ? 'KEPALA KELUARGA' : 'ANAK', 'WNI', '-', '-', 'CONTOH AYAH', 'CONTOH IBU', '']);
  table(260, cols2, rows2);
  doc.font('Helvetica').fontSize(7).text('Dikeluarkan Tanggal : 01-01-2026', 560, 400);
  doc.text('KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL', 560, 412, { width: 240 });
  drawQr(doc, qr, 630, 432, 90);
  if (photo) {
    const grad = doc.linearGradient(60, 440, 200, 540);
    grad.stop(0, '#303030').stop(1, '#d0d0d0');
    doc.rect(60, 440, 140, 100).fill(grad);
  }
  doc.fillColor('#000000').fontSize(6).text('Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh BSrE, BSSN.', 30, 560, { width: 780 });
}

function aktaPage(doc: PDFKit.PDFDocument, page: number, qr: string, photo: boolean): void {
  doc.font('Helvetica').fontSize(8).text('Nomor Induk Kependudukan : 3201010101260001', 60, 50);
  doc.font('Helvetica-Bold').fontSize(11).text('PENCATATAN SIPIL', 0, 70, { align: 'center', width: 595 });
  doc.font('Helvetica').fontSize(9).text('WARGA NEGARA INDONESIA', 0, 86, { align: 'center', width: 595 });
  doc.font('Helvetica-Bold').fontSize(16).text('KUTIPAN AKTA KELAHIRAN', 0, 130, { align: 'center', width: 595 });
  doc.font('Helvetica').fontSize(10).text(`Nomor 3201-LT-0101202${page}-0001`, 0, 152, { align: 'center', width: 595 });
  const lines = [
    'Berdasarkan Akta Kelahiran Nomor 3201-LT-01012026-0001',
    'bahwa di KABUPATEN CONTOH',
    'pada tanggal SATU JANUARI DUA RIBU DUA PULUH ENAM',
    'telah lahir CONTOH NAMA ANAK',
    'anak ke SATU, LAKI-LAKI, dari ayah CONTOH NAMA AYAH',
    'dan ibu CONTOH NAMA IBU',
  ];
  doc.fontSize(11);
  lines.forEach((line, i) => doc.text(line, 80, 220 + i * 30, { width: 440 }));
  doc.fontSize(9).text('Kutipan ini dikeluarkan di KABUPATEN CONTOH, pada tanggal 01-01-2026', 300, 520, { width: 230 });
  doc.text('KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL', 300, 560, { width: 230 });
  drawQr(doc, qr, 360, 600, 90);
  if (photo) {
    const grad = doc.linearGradient(80, 600, 220, 700);
    grad.stop(0, '#303030').stop(1, '#d0d0d0');
    doc.rect(80, 600, 140, 100).fill(grad);
  }
  doc.fillColor('#000000').fontSize(6).text('Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh BSrE, BSSN.', 60, 770, { width: 475 });
}

export async function makeSamplePdf(options: SamplePdfOptions): Promise<Uint8Array> {
  const landscape = options.kind === 'kk';
  const doc = new PDFDocument({
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margin: 0,
    compress: false,
    autoFirstPage: false,
    info: { CreationDate: new Date(Date.UTC(2026, 0, 1)), Producer: 'adm-kiosk tests', Creator: 'adm-kiosk tests' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const pages = options.pages ?? 1;
  for (let p = 1; p <= pages; p += 1) {
    doc.addPage();
    const qr = options.qr ?? `https://verify.example.invalid/doc/${options.kind}-${p}`;
    if (landscape) kkPage(doc, p, qr, options.photo ?? false);
    else aktaPage(doc, p, qr, options.photo ?? false);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
