var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/api/public/health", () => Results.Text("""{"status":"OK","version":"floor"}""", "application/json"));
app.Run();
