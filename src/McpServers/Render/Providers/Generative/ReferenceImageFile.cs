namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>The channel's reference image as the APIs take it: base64, with its MIME type from the file's extension.</summary>
public static class ReferenceImageFile
{
    public static string MimeType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        var other => throw new ArgumentException($"reference image '{Path.GetFileName(path)}' must be .png, .jpg or .webp (got '{other}')"),
    };

    public static async Task<string> Base64Async(string path, CancellationToken cancellationToken) =>
        Convert.ToBase64String(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));

    public static async Task<string> DataUriAsync(string path, CancellationToken cancellationToken) =>
        $"data:{MimeType(path)};base64,{await Base64Async(path, cancellationToken).ConfigureAwait(false)}";
}
