package io.kinetic.kernel.contract.identity;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.outbox.EventTypes;

/**
 * The identity context's bus contract: customers, staff, tokens, the audit log, and its events
 * ({@link IdentityEvent}). Identity runs on every node, so requests stay on the caller's node.
 */
public final class IdentityApi {

  public static final Endpoint<RegisterCustomer, CustomerView> REGISTER_CUSTOMER =
    Endpoint.local("identity.register-customer", RegisterCustomer.class, CustomerView.class);
  public static final Endpoint<Login, Tokens> LOGIN = Endpoint.local("identity.login", Login.class, Tokens.class);
  public static final Endpoint<RefreshTokens, Tokens> REFRESH =
    Endpoint.local("identity.refresh", RefreshTokens.class, Tokens.class);
  public static final Endpoint<Logout, Deleted> LOGOUT = Endpoint.local("identity.logout", Logout.class, Deleted.class);
  public static final Endpoint<GetCustomer, CustomerView> GET_CUSTOMER =
    Endpoint.local("identity.get-customer", GetCustomer.class, CustomerView.class);
  public static final Endpoint<GetStaff, StaffView> GET_STAFF =
    Endpoint.local("identity.get-staff", GetStaff.class, StaffView.class);
  public static final Endpoint<CreateStaff, StaffView> CREATE_STAFF =
    Endpoint.local("identity.create-staff", CreateStaff.class, StaffView.class);
  public static final Endpoint<InviteStaff, StaffInvited> INVITE_STAFF =
    Endpoint.local("identity.invite-staff", InviteStaff.class, StaffInvited.class);
  public static final Endpoint<ListStaff, StaffList> LIST_STAFF =
    Endpoint.local("identity.list-staff", ListStaff.class, StaffList.class);
  public static final Endpoint<SetStaffRoles, StaffView> SET_STAFF_ROLES =
    Endpoint.local("identity.set-staff-roles", SetStaffRoles.class, StaffView.class);
  public static final Endpoint<DeactivateStaff, StaffView> DEACTIVATE_STAFF =
    Endpoint.local("identity.deactivate-staff", DeactivateStaff.class, StaffView.class);
  public static final Endpoint<ReactivateStaff, StaffView> REACTIVATE_STAFF =
    Endpoint.local("identity.reactivate-staff", ReactivateStaff.class, StaffView.class);
  public static final Endpoint<ListAuditLog, AuditPage> LIST_AUDIT_LOG =
    Endpoint.local("identity.list-audit-log", ListAuditLog.class, AuditPage.class);
  public static final Endpoint<ListStaffSessions, StaffSessions> LIST_STAFF_SESSIONS =
    Endpoint.local("identity.list-staff-sessions", ListStaffSessions.class, StaffSessions.class);
  public static final Endpoint<ListAddresses, AddressBook> LIST_ADDRESSES =
    Endpoint.local("identity.list-addresses", ListAddresses.class, AddressBook.class);
  public static final Endpoint<SaveAddress, Address> SAVE_ADDRESS =
    Endpoint.local("identity.save-address", SaveAddress.class, Address.class);
  public static final Endpoint<DeleteAddress, Deleted> DELETE_ADDRESS =
    Endpoint.local("identity.delete-address", DeleteAddress.class, Deleted.class);

  public static final Endpoint<RequestPasswordReset, PasswordResetAccepted> REQUEST_PASSWORD_RESET =
    Endpoint.local("identity.request-password-reset", RequestPasswordReset.class, PasswordResetAccepted.class);
  public static final Endpoint<ResetPassword, PasswordResetDone> RESET_PASSWORD =
    Endpoint.local("identity.reset-password", ResetPassword.class, PasswordResetDone.class);

  public static final Contract CONTRACT = Contract.of("identity", IdentityEvent.class,
    REGISTER_CUSTOMER, LOGIN, REFRESH, LOGOUT, GET_CUSTOMER, GET_STAFF, CREATE_STAFF, INVITE_STAFF, LIST_STAFF,
    SET_STAFF_ROLES, DEACTIVATE_STAFF, REACTIVATE_STAFF, LIST_AUDIT_LOG, LIST_STAFF_SESSIONS, LIST_ADDRESSES, SAVE_ADDRESS,
    DELETE_ADDRESS, REQUEST_PASSWORD_RESET, RESET_PASSWORD);

  /** Where each identity event is published (from its {@code @EventName}), for in-memory listeners. */
  public static final class Events {
    public static final String STAFF_ACCESS_CHANGED = EventTypes.address(StaffAccessChanged.class);
    public static final String PASSWORD_RESET_REQUESTED = EventTypes.address(PasswordResetRequested.class);

    private Events() {
    }
  }

  private IdentityApi() {
  }
}
