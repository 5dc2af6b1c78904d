using Sightline.Bench;

return await BenchCommand.RunAsync(args);
