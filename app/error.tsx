"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="panel empty" role="alert">
      <h1>This page could not load</h1>
      <p>The database may be unavailable for a moment. Your data is safe.</p>
      <button onClick={reset}>Try again</button>
    </div>
  );
}
