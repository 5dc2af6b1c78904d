using System.Text.Json;
using Sightline.Media;

namespace Sightline.Core.Tests.Media;

public sealed class MediaRequestParserTests
{
    private const string Hash = "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=";

    private static string? Parse(string json, out MediaUploadRequest? request, long max = 1000)
    {
        using var doc = JsonDocument.Parse(json);
        return MediaRequestParser.ParseUpload(doc.RootElement, max, out request);
    }

    [Fact]
    public void ParseUpload_TraceObservationVariant_ReadsEveryField()
    {
        var problem = Parse($$"""{"traceId":"t1","observationId":"o1","contentType":"image/png","contentLength":5,"sha256Hash":"{{Hash}}","field":"output"}""", out var request);

        Assert.Null(problem);
        Assert.Equal(new MediaUploadRequest("t1", "o1", null, null, "image/png", 5, Hash, "output"), request);
    }

    [Fact]
    public void ParseUpload_DatasetItemVariant_AcceptsExpectedOutput()
    {
        var problem = Parse($$"""{"datasetId":"d1","datasetItemId":"i1","contentType":"application/pdf","contentLength":5,"sha256Hash":"{{Hash}}","field":"expectedOutput"}""", out var request);

        Assert.Null(problem);
        Assert.Equal(new MediaUploadRequest(null, null, "d1", "i1", "application/pdf", 5, Hash, "expectedOutput"), request);
    }

    [Theory]
    [InlineData("""{"contentType":"image/png","contentLength":5,"sha256Hash":"H","field":"input"}""", "traceId:")]
    [InlineData("""{"traceId":"","contentType":"image/png","contentLength":5,"sha256Hash":"H","field":"input"}""", "traceId:")]
    [InlineData("""{"traceId":"t","observationId":7,"contentType":"image/png","contentLength":5,"sha256Hash":"H","field":"input"}""", "observationId:")]
    [InlineData("""{"traceId":"t","contentType":"image/heic","contentLength":5,"sha256Hash":"H","field":"input"}""", "contentType:")]
    [InlineData("""{"traceId":"t","contentType":"IMAGE/PNG","contentLength":5,"sha256Hash":"H","field":"input"}""", "contentType:")]
    [InlineData("""{"traceId":"t","contentType":"image/png","contentLength":0,"sha256Hash":"H","field":"input"}""", "contentLength:")]
    [InlineData("""{"traceId":"t","contentType":"image/png","contentLength":2.5,"sha256Hash":"H","field":"input"}""", "contentLength:")]
    [InlineData("""{"traceId":"t","contentType":"image/png","contentLength":"5","sha256Hash":"H","field":"input"}""", "contentLength:")]
    [InlineData("""{"traceId":"t","contentType":"image/png","contentLength":1001,"sha256Hash":"H","field":"input"}""", "contentLength: 1001 bytes is more than the limit of 1000 bytes (LANGFUSE_S3_MEDIA_MAX_CONTENT_LENGTH)")]
    [InlineData("""{"traceId":"t","contentType":"image/png","contentLength":5,"sha256Hash":"abc","field":"input"}""", "sha256Hash:")]
    [InlineData("""{"traceId":"t","contentType":"image/png","contentLength":5,"sha256Hash":"H","field":"expectedOutput"}""", "field: required, one of input, output, metadata")]
    [InlineData("""{"datasetId":"d","datasetItemId":"i","contentType":"image/png","contentLength":5,"sha256Hash":"H","field":"output"}""", "field: required, one of input, expectedOutput, metadata")]
    [InlineData("""{"datasetId":"d","contentType":"image/png","contentLength":5,"sha256Hash":"H","field":"input"}""", "datasetItemId:")]
    [InlineData("""{"datasetItemId":"i","contentType":"image/png","contentLength":5,"sha256Hash":"H","field":"input"}""", "datasetId:")]
    [InlineData("""{"traceId":"t","datasetId":"d","datasetItemId":"i","contentType":"image/png","contentLength":5,"sha256Hash":"H","field":"input"}""", "traceId: not allowed")]
    [InlineData("""[1]""", "body:")]
    public void ParseUpload_BadField_NamesIt(string json, string expected)
    {
        var problem = Parse(json.Replace("\"H\"", $"\"{Hash}\"", StringComparison.Ordinal), out var request);

        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.Null(request);
    }

    [Fact]
    public void ParsePatch_FailureReport_KeepsTheErrorAndTruncatesIt()
    {
        var longError = new string('x', MediaRequestParser.MaxUploadErrorLength + 10);
        using var doc = JsonDocument.Parse($$"""{"uploadedAt":"2025-01-02T03:04:05.678+01:00","uploadHttpStatus":403,"uploadHttpError":"{{longError}}","uploadTimeMs":12.5}""");

        Assert.Null(MediaRequestParser.ParsePatch(doc.RootElement, out var patch));
        Assert.Equal(new DateTime(2025, 1, 2, 2, 4, 5, 678, DateTimeKind.Utc), patch!.UploadedAt);
        Assert.Equal(403, patch.UploadHttpStatus);
        Assert.Equal(MediaRequestParser.MaxUploadErrorLength, patch.UploadHttpError!.Length);
    }

    [Theory]
    [InlineData("""{"uploadHttpStatus":200}""", "uploadedAt:")]
    [InlineData("""{"uploadedAt":"2025-01-02T03:04:05","uploadHttpStatus":200}""", "uploadedAt:")]
    [InlineData("""{"uploadedAt":"2025-01-02T03:04:05Z"}""", "uploadHttpStatus:")]
    [InlineData("""{"uploadedAt":"2025-01-02T03:04:05Z","uploadHttpStatus":0}""", "uploadHttpStatus:")]
    [InlineData("""{"uploadedAt":"2025-01-02T03:04:05Z","uploadHttpStatus":200,"uploadHttpError":5}""", "uploadHttpError:")]
    [InlineData("""{"uploadedAt":"2025-01-02T03:04:05Z","uploadHttpStatus":200,"uploadTimeMs":-1}""", "uploadTimeMs:")]
    public void ParsePatch_BadField_NamesIt(string json, string expected)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.StartsWith(expected, MediaRequestParser.ParsePatch(doc.RootElement, out var patch), StringComparison.Ordinal);
        Assert.Null(patch);
    }
}
