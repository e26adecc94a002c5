export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading">
      <div className="skeleton" style={{ width: "40%", height: "1.8rem" }} />
      <div className="kpis">
        {Array.from({ length: 5 }, (_, i) => (
          <div className="kpi" key={i}>
            <div className="skeleton" style={{ height: "3.5rem" }} />
          </div>
        ))}
      </div>
    </div>
  );
}
