using System.Net;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.Sdk;

/// <summary>
/// Comments and annotation queues through <c>@langfuse/client</c>'s generated API client
/// (tests/sdk-js/annotations-client.mjs): what the SDK hands back must match the rows read back over HTTP, and the
/// calls meant to fail surface the server's status and Langfuse error body to the SDK's caller.
/// </summary>
[Collection(JsSdkServer.Name)]
public sealed class JsSdkAnnotationTests(SharedServer shared)
{
    private SightlineProcess Server => shared.Server;

    [Fact]
    public async Task LangfuseClient_CommentsAndAnnotationQueues_RoundTripThroughTheApiNamespace()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var result = await NodeScript.RunAsync(Server, tenant, "annotations-client.mjs");

        Assert.Equal(tenant.ProjectId, Text(result, "projectId"));
        var comments = result.GetProperty("comments");
        var commentId = Text(comments.GetProperty("created"), "id");
        var stored = await Tenant.ReadAsync(await client.GetAsync($"/api/public/comments/{commentId}"), HttpStatusCode.OK);
        Assert.Equal(("PROMPT", Text(result, "promptId"), "Ask for **three** bullet points"), (Text(stored, "objectType"), Text(stored, "objectId"), Text(stored, "content")));
        Assert.Equal(stored.GetRawText(), comments.GetProperty("byId").GetRawText());
        Assert.Equal(stored.GetRawText(), Assert.Single(comments.GetProperty("list").GetProperty("data").EnumerateArray()).GetRawText());
        AssertFailure(comments.GetProperty("unknownObject"), 404, "Reference object, TRACE: no-such-trace not found. Skipping comment creation.", "LangfuseNotFoundError");
        AssertFailure(comments.GetProperty("tooLong"), 400, "content: required, a string of 1 to 5000 characters (leading and trailing whitespace not counted)", "InvalidRequestError");

        var queues = result.GetProperty("queues");
        var queueId = Text(queues.GetProperty("queue"), "id");
        var queue = await Tenant.ReadAsync(await client.GetAsync($"/api/public/annotation-queues/{queueId}"), HttpStatusCode.OK);
        Assert.Equal("Weekly review of support answers", Text(queue, "description"));
        Assert.Equal(queues.GetProperty("configIds").EnumerateArray().Select(i => i.GetString()), queue.GetProperty("scoreConfigIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(2, queue.GetProperty("scoreConfigIds").GetArrayLength());
        Assert.Equal(queue.GetRawText(), queues.GetProperty("fetched").GetRawText());
        Assert.Equal(queue.GetRawText(), Assert.Single(queues.GetProperty("list").GetProperty("data").EnumerateArray()).GetRawText());

        var firstId = Text(queues.GetProperty("first"), "id");
        var item = await Tenant.ReadAsync(await client.GetAsync($"/api/public/annotation-queues/{queueId}/items/{firstId}"), HttpStatusCode.OK);
        Assert.Equal(("trace-1", "TRACE", "COMPLETED"), (Text(item, "objectId"), Text(item, "objectType"), Text(item, "status")));
        Assert.Equal(JsonValueKind.String, item.GetProperty("completedAt").ValueKind);
        Assert.Equal(item.GetRawText(), queues.GetProperty("updated").GetRawText());
        Assert.Equal(item.GetRawText(), queues.GetProperty("item").GetRawText());
        Assert.Equal("PENDING", Text(queues.GetProperty("first"), "status"));
        Assert.Equal([firstId], Ids(queues.GetProperty("completed")));
        Assert.Equal("""{"success":true,"message":"Annotation queue item deleted successfully"}""", queues.GetProperty("deleted").GetRawText());
        Assert.Equal([firstId], Ids(queues.GetProperty("remaining")));
        Assert.Equal([firstId], (await client.GetOkAsync($"/api/public/annotation-queues/{queueId}/items")).Ids());
        AssertFailure(queues.GetProperty("duplicate"), 400, "A queue with this name already exists.", "InvalidRequestError");
        AssertFailure(queues.GetProperty("unknownConfig"), 400, "At least one of the score config IDs cannot be found for the given project.", "InvalidRequestError");
        Assert.Equal([queueId], (await client.GetOkAsync("/api/public/annotation-queues")).Ids());
        AssertFailure(queues.GetProperty("unknownQueue"), 404, "Annotation queue not found", "LangfuseNotFoundError");
        AssertFailure(queues.GetProperty("unknownUser"), 404, "User not found or not authorized for this project", "LangfuseNotFoundError");
        Assert.Equal("""{"success":true}""", queues.GetProperty("unassigned").GetRawText());
    }

    private static void AssertFailure(JsonElement failure, int status, string message, string error)
    {
        Assert.Equal(status, failure.GetProperty("statusCode").GetInt32());
        Assert.Equal((message, error), (Text(failure.GetProperty("body"), "message"), Text(failure.GetProperty("body"), "error")));
    }

    private static string[] Ids(JsonElement page) => page.Ids();

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");
}
