namespace Sightline.Storage.DuckDb;
