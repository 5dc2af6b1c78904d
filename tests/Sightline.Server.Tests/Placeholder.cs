namespace Sightline.Server.Tests;
