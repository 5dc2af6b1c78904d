namespace Sightline.Storage.Local.Tests;
