package com.lstmautoml.backend.rest;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.util.List;

/** The token's team: who it is, the members (admins manage them) and the API tokens (admins). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private static final String BELOW_ADMIN = "The token's role is below admin";

    /** What GET /api/me answers. */
    public record Me(String username, long teamId, String team, String role, Long tokenId) {
    }

    /** POST /api/members: invite {@code username}, or with {@code newUser: true} create that account. */
    public record NewMember(String username, String role, Boolean newUser) {
    }

    public record RoleChange(String role) {
    }

    public record NewToken(String name, String role) {
    }

    private final Accounts accounts;
    private final ApiCaller caller;

    public AccountResource(Accounts accounts, ApiCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Path("/me")
    @Tag(name = ApiDocs.ACCOUNT)
    @Operation(operationId = "getMe", summary = "Who the token acts as: its creator, its team and its role")
    public Me me() {
        Caller c = caller.get();
        return new Me(c.username(), c.teamId(), c.teamName(), c.role().label(), c.tokenId());
    }

    @GET
    @Path("/members")
    @Tag(name = ApiDocs.MEMBERS)
    @Operation(operationId = "listMembers", summary = "The team's members and their roles")
    public List<Accounts.MemberView> members() {
        return accounts.members(caller.get());
    }

    @POST
    @Path("/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = ApiDocs.MEMBERS)
    @Operation(operationId = "addMember", summary =
            "Invite a username to the team (admin; body {\"username\", \"role\"}): 202, the same"
            + " answer whether or not the user exists; nothing changes for them until they accept. With"
            + " \"newUser\": true the account is created and made a member at once: 201 with its generated"
            + " initialPassword, returned once (409 when the username is taken)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewMember.class), examples = {
                    @ExampleObject(name = "invite", summary = "Invite a user as member",
                            value = "{\"username\": \"ada\", \"role\": \"member\"}"),
                    @ExampleObject(name = "newUser", summary = "Create the account at once",
                            value = "{\"username\": \"ada\", \"role\": \"viewer\", \"newUser\": true}")}))
    @APIResponse(responseCode = "202", description = "Invited (the same answer whether or not the user exists)",
            content = @Content(schema = @Schema(implementation = Accounts.Invited.class)))
    @APIResponse(responseCode = "201", description = "With newUser: the account, created and added, with its"
            + " initialPassword", content = @Content(schema = @Schema(implementation = Accounts.MemberAdded.class)))
    @APIResponse(responseCode = "403", description = BELOW_ADMIN)
    @APIResponse(responseCode = "409", description = "With newUser: the username is taken (invite it instead)")
    public Response addMember(NewMember body) {
        Caller c = caller.get();
        String username = body == null ? null : body.username();
        String role = body == null ? null : body.role();
        if (body != null && Boolean.TRUE.equals(body.newUser())) {
            Accounts.MemberAdded added = accounts.createMember(c, username, role);
            return Response.created(URI.create("/api/members/" + added.member().username())).entity(added).build();
        }
        return Response.accepted(accounts.invite(c, username, role)).build();
    }

    @GET
    @Path("/members/invitations")
    @Tag(name = ApiDocs.MEMBERS)
    @Operation(operationId = "listTeamInvitations", summary = "The team's pending invitations (admin)")
    @APIResponse(responseCode = "200", description = "The pending invitations")
    @APIResponse(responseCode = "403", description = BELOW_ADMIN)
    public List<Accounts.InvitationView> teamInvitations() {
        return accounts.teamInvitations(caller.get());
    }

    @DELETE
    @Path("/members/invitations/{id}")
    @Tag(name = ApiDocs.MEMBERS)
    @Operation(operationId = "revokeInvitation", summary = "Revoke a pending invitation of the team (admin)")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", description = BELOW_ADMIN)
    public Response revokeInvitation(@RestPath long id) {
        accounts.revokeInvitation(caller.get(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/invitations")
    @Tag(name = ApiDocs.INVITATIONS)
    @Operation(operationId = "listMyInvitations", summary =
            "The pending invitations of the token's user, to any team")
    public List<Accounts.InvitationView> myInvitations() {
        return accounts.myInvitations(caller.get());
    }

    @POST
    @Path("/invitations/{id}/accept")
    @Tag(name = ApiDocs.INVITATIONS)
    @Operation(operationId = "acceptInvitation", summary =
            "Accept one of your invitations: you become a member of its team with its role")
    public Accounts.TeamView acceptInvitation(@RestPath long id) {
        return accounts.acceptInvitation(caller.get(), id);
    }

    @POST
    @Path("/invitations/{id}/decline")
    @Tag(name = ApiDocs.INVITATIONS)
    @Operation(operationId = "declineInvitation", summary = "Decline one of your invitations")
    @APIResponse(responseCode = "204", description = "Declined")
    public Response declineInvitation(@RestPath long id) {
        accounts.declineInvitation(caller.get(), id);
        return Response.noContent().build();
    }

    @PUT
    @Path("/members/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = ApiDocs.MEMBERS)
    @Operation(operationId = "changeMemberRole", summary = "Change a member's role (admin; body {\"role\"})")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RoleChange.class),
            examples = @ExampleObject(name = "admin", summary = "Make them admin", value = "{\"role\": \"admin\"}")))
    @APIResponse(responseCode = "200", description = "The member with the new role")
    @APIResponse(responseCode = "403", description = BELOW_ADMIN)
    @APIResponse(responseCode = "409", description = "The team's last admin cannot step down")
    public Accounts.MemberView changeRole(@RestPath String username, RoleChange body) {
        Caller c = caller.get();
        return accounts.changeRole(c, username, body == null ? null : body.role());
    }

    @DELETE
    @Path("/members/{username}")
    @Tag(name = ApiDocs.MEMBERS)
    @Operation(operationId = "removeMember", summary =
            "Remove a member (admin); their tokens of this team are revoked")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = BELOW_ADMIN)
    @APIResponse(responseCode = "409", description = "The team's last admin cannot be removed")
    public Response removeMember(@RestPath String username) {
        accounts.removeMember(caller.get(), username);
        return Response.noContent().build();
    }

    @GET
    @Path("/tokens")
    @Tag(name = ApiDocs.TOKENS)
    @Operation(operationId = "listTokens", summary =
            "The team's API tokens, newest first, never their secrets (admin)")
    @APIResponse(responseCode = "200", description = "The tokens, newest first")
    @APIResponse(responseCode = "403", description = BELOW_ADMIN)
    public List<Accounts.TokenView> tokens() {
        return accounts.tokens(caller.get());
    }

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = ApiDocs.TOKENS)
    @Operation(operationId = "createToken", summary =
            "Create an API token of this team (admin; body {\"name\", \"role\"}); its secret is in this"
            + " answer only")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewToken.class),
            examples = @ExampleObject(name = "ci", summary = "A member token for CI",
                    value = "{\"name\": \"ci\", \"role\": \"member\"}")))
    @APIResponse(responseCode = "201", description = "Created; the secret is in this answer only",
            content = @Content(schema = @Schema(implementation = Accounts.CreatedToken.class)))
    @APIResponse(responseCode = "403", description = BELOW_ADMIN)
    public Response createToken(NewToken body) {
        Caller c = caller.get();
        Accounts.CreatedToken t = accounts.createToken(c, body == null ? null : body.name(),
                body == null ? null : body.role());
        return Response.created(URI.create("/api/tokens/" + t.token().id())).entity(t).build();
    }

    @DELETE
    @Path("/tokens/{id}")
    @Tag(name = ApiDocs.TOKENS)
    @Operation(operationId = "revokeToken", summary = "Revoke an API token (admin); it answers 401 from then on")
    @APIResponse(responseCode = "200", description = "The token, revoked")
    @APIResponse(responseCode = "403", description = BELOW_ADMIN)
    public Accounts.TokenView revokeToken(@RestPath long id) {
        return accounts.revokeToken(caller.get(), id);
    }
}
