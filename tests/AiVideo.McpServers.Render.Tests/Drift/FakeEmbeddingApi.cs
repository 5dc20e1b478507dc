using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Render.Tests.Drift;

/// <summary>
/// A multimodal embedding API on loopback: it decodes each PNG data URL it receives and answers, per image, the mean
/// colour of each quarter of the picture (centred on mid-grey) — so pictures that look alike get close vectors and a
/// picture of something else a distant one, with no model.
/// </summary>
public sealed class FakeEmbeddingApi : IDisposable
{
    public FakeEmbeddingApi()
    {
        Server = new CannedHttpServer(200, "{}") { Handler = Answer };
    }

    public CannedHttpServer Server { get; }

    public string Endpoint => Server.BaseUrl + "/v1/embeddings";

    private static (int, string) Answer(RecordedRequest request)
    {
        if (request.Method != "POST" || request.Path != "/v1/embeddings") return (404, """{"detail":"not found"}""");
        var inputs = JsonNode.Parse(request.Body)!["input"]!.AsArray();
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var url = inputs[i]!["image"]!.GetValue<string>();
            const string prefix = "data:image/png;base64,";
            if (!url.StartsWith(prefix, StringComparison.Ordinal)) return (400, """{"detail":"image must be a PNG data URL"}""");
            var (width, height, rgb) = DecodePng(Convert.FromBase64String(url[prefix.Length..]));
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = new JsonArray(QuarterColours(width, height, rgb).Select(v => (JsonNode)v).ToArray()) });
        }
        return (200, new JsonObject { ["model"] = "fake-clip", ["data"] = data }.ToJsonString());
    }

    private static double[] QuarterColours(int width, int height, byte[] rgb)
    {
        var sums = new double[12];
        var counts = new int[4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var q = (y * 2 / height * 2) + (x * 2 / width);
                counts[q]++;
                for (var c = 0; c < 3; c++) sums[(q * 3) + c] += rgb[(((y * width) + x) * 3) + c];
            }
        }
        return sums.Select((s, i) => Math.Round(((s / counts[i / 3]) - 128) / 128, 5)).ToArray();
    }

    /// <summary>An 8-bit RGB (colour type 2) or RGBA (6) PNG, any of the five row filters.</summary>
    public static (int Width, int Height, byte[] Rgb) DecodePng(byte[] png)
    {
        var width = 0;
        var height = 0;
        var channels = 3;
        using var idat = new MemoryStream();
        for (var pos = 8; pos < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var chunk = png.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                channels = chunk[9] == 6 ? 4 : 3;
            }
            else if (type == "IDAT")
            {
                idat.Write(chunk);
            }
            pos += 12 + length;
        }
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var data = raw.ToArray();
        var stride = width * channels;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[(y * stride) + x - channels] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int c = x >= channels && y > 0 ? pixels[((y - 1) * stride) + x - channels] : 0;
                int value = data[(y * (stride + 1)) + 1 + x];
                value += filter switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => 0,
                };
                pixels[(y * stride) + x] = (byte)value;
            }
        }
        if (channels == 3) return (width, height, pixels);
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++) pixels.AsSpan(i * 4, 3).CopyTo(rgb.AsSpan(i * 3));
        return (width, height, rgb);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    public void Dispose() => Server.Dispose();

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
