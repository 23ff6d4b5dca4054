/** Fixed statements printed on every document. */
export const BSRE_STATEMENT =
  'Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN.';
export const DEMO_STATEMENT = 'DEMO: ditandatangani dengan kunci demonstrasi adm-kiosk, bukan dokumen resmi.';
