using CodeCatalyst.Emulator.State;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>GetUserDetails, on the generated wire layer.</summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        GetUserDetailsRequest.Map(routes, GetUserDetails);
    }

    private static GetUserDetailsResponse GetUserDetails(GetUserDetailsRequest request, HttpContext context)
    {
        var user = context.Store().GetUserDetails(request.Id, request.UserName);
        return new GetUserDetailsResponse
        {
            UserId = user.UserId,
            UserName = user.UserName,
            DisplayName = user.DisplayName,
            PrimaryEmail = user.Email is null ? null : new EmailAddress { Email = user.Email, Verified = user.EmailVerified },
            Version = user.Version,
        };
    }
}
