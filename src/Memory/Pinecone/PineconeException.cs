using System.Net;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Pinecone;

/// <summary>
/// Pinecone refused or failed a data-plane request: <see cref="StatusCode"/> is the HTTP status (null when no response
/// came back, e.g. the retries on network errors ran out), <see cref="VectorStoreException.OperationName"/> the
/// operation (<c>upsert</c>, <c>query</c>, …), and <see cref="PineconeMessage"/> the message from Pinecone's error body.
/// The message never contains the API key.
/// </summary>
public sealed class PineconeException : VectorStoreException
{
    public PineconeException(string operation, HttpStatusCode? statusCode, string? pineconeMessage, string? collectionName = null, Exception? innerException = null)
        : base(Describe(operation, statusCode, pineconeMessage, collectionName), innerException)
    {
        StatusCode = statusCode;
        PineconeMessage = pineconeMessage;
        VectorStoreSystemName = PineconeVectorStore.SystemName;
        OperationName = operation;
        CollectionName = collectionName;
    }

    /// <summary>The HTTP status Pinecone answered with; null when the request never got an answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>message</c> of Pinecone's error body (or the body itself when it was not JSON), without the API key.</summary>
    public string? PineconeMessage { get; }

    private static string Describe(string operation, HttpStatusCode? statusCode, string? pineconeMessage, string? collectionName)
    {
        var where = collectionName is null ? "" : $" in namespace '{collectionName}'";
        var status = statusCode is { } code ? $"HTTP {(int)code} {code}" : "no response";
        var detail = string.IsNullOrWhiteSpace(pineconeMessage) ? "" : $": {pineconeMessage}";
        return $"Pinecone {operation}{where} failed ({status}){detail}";
    }
}
