export default function HomePage() {
  return (
    <main>
      <h1>Eventora — clinic portal</h1>
    </main>
  );
}
