using Microsoft.AspNetCore.Http;
using Provisio.Api.Errors;

namespace Provisio.Api.OData;

/// <summary>
/// Why a request's OData query options were refused, in Graph's words and with Graph's code; nothing was read or
/// changed. <see cref="Position"/> is the 0-based offset into <c>$filter</c> where the problem is, when there is one
/// (Graph's "Syntax error at position 13 in 'department eq'" counts from 0).
/// </summary>
internal sealed record ODataQueryError(string Code, string Message, int? Position = null)
{
    /// <summary>Graph's code for malformed query text (the OData layer's).</summary>
    public const string BadRequest = "BadRequest";

    /// <summary>Graph's directory code for a request it cannot take as written.</summary>
    public const string RequestBadRequest = "Request_BadRequest";

    /// <summary>Graph's directory code for a well-formed query the directory does not support.</summary>
    public const string UnsupportedQuery = "Request_UnsupportedQuery";

    public static ODataQueryError Unsupported(string message) => new(UnsupportedQuery, message);

    public static ODataQueryError Invalid(string message) => new(RequestBadRequest, message);

    /// <summary>The 400 with Graph's error body.</summary>
    public IResult ToResult() => GraphError.BadRequest(Message, Code);
}
