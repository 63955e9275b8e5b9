export default function HomePage() {
  return (
    <main>
      <h1>Eventora — platform console</h1>
    </main>
  );
}
