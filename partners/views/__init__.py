from partners.views.bookings import (  # noqa: F401
    booking_accept,
    booking_accept_proposal,
    booking_attendance,
    booking_cancel,
    booking_create,
    booking_decline,
    booking_detail,
    booking_feedback,
    booking_list,
    booking_propose,
)
from partners.views.calendar import (  # noqa: F401
    booking_ics,
    calendar,
    partner_feed,
    partner_feed_renew,
    school_feed,
    school_feed_renew,
)
from partners.views.coverage import coverage  # noqa: F401
from partners.views.offers import (  # noqa: F401
    offer_create,
    offer_detail,
    offer_edit,
    offer_list,
    partner_home,
    profile_edit,
)
