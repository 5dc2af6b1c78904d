using Sightline.Server.Hosting;

return await SightlineHost.RunAsync(args);
