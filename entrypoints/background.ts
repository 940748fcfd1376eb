export default defineBackground(() => {
  // Filled in by lib/background-*.ts modules; kept thin on purpose.
});
