using System.Net.Http.Json;
using System.Text.Json;

namespace Omslite.Hub.Tests.Infrastructure;

/// <summary>A visit's history as the review screen gets it (<c>GET /api/visits/{id}/history</c>), one line per entry:
/// "operation actor field old→new".</summary>
public static class VisitHistoryLines
{
    public static async Task<IReadOnlyList<string>> HistoryAsync(this HttpClient client, long visitId)
    {
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/history");
        return history.EnumerateArray().Select(h =>
            $"{h.GetProperty("operation").GetString()} {h.GetProperty("actor").GetString()} {Text(h, "field")} {Text(h, "oldValue")}→{Text(h, "newValue")}").ToList();
    }

    private static string Text(JsonElement line, string name) =>
        line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
