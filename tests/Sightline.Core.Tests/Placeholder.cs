namespace Sightline.Core.Tests;
