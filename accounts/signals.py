from allauth.account.signals import password_changed, password_reset, user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs):
    request.session["preferred_language"] = user.preferred_language


@receiver(password_changed)
@receiver(password_reset)
def own_password_chosen(sender, request, user, **kwargs):
    """A temporary password set by a coordinator lasts until the user picks their own."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
