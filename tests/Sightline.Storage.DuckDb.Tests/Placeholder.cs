namespace Sightline.Storage.DuckDb.Tests;
