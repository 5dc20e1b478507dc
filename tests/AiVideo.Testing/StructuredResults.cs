using System.Text.Json;

namespace AiVideo.Testing;

/// <summary>Reading a list tool's structured result as the Host does: the SDK may send it as {"result": [...]} or as the bare array.</summary>
public static class StructuredResults
{
    public static JsonElement.ArrayEnumerator ListItems(this JsonElement structured) =>
        structured.ValueKind == JsonValueKind.Object && structured.TryGetProperty("result", out var wrapped)
            ? wrapped.EnumerateArray()
            : structured.EnumerateArray();
}
