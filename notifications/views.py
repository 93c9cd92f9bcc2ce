from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.params import paginate
from notifications import access, outbox, services
from notifications.models import OutgoingMail

PAGE_SIZE = 25


@login_required
@require_GET
def notification_list(request):
    notifications = access.visible_notifications(request.user).order_by("-created_at", "-pk")
    page = paginate(request, notifications, PAGE_SIZE)
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page, "notifications": page.object_list, "can_follow_mail": access.can_follow_mail(request.user)},
    )


@login_required
@require_GET
def notification_open(request, pk):
    """Follow a notification's link; it counts as read."""
    notification = get_object_or_404(access.visible_notifications(request.user), pk=pk)
    services.mark_read(request.user, ids=[notification.pk])
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts=None) and url.startswith("/"):
        return redirect(url)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
@require_GET
def mail_failures(request):
    """The office's list of e-mail that has not been delivered (yet)."""
    access.require(access.can_follow_mail(request.user))
    failing = access.visible_mail(request.user).exclude(status=OutgoingMail.Status.SENT)
    page = paginate(request, failing.order_by("-created_at", "-pk"), PAGE_SIZE)
    return render(request, "notifications/mail_failures.html", {"page_obj": page, "mails": page.object_list})


@login_required
@require_POST
def mail_retry(request, pk):
    mail_access = access.load_mail(request.user, pk)
    access.require(mail_access.can_retry)
    if outbox.retry_now(request.user, mail_access.mail):
        messages.success(request, _("The e-mail has been sent."))
    else:
        messages.error(
            request, _("The e-mail could not be sent again: %(error)s") % {"error": mail_access.mail.last_error}
        )
    return redirect("notifications:mail_failures")
