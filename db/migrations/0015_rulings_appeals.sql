-- Reserved for this change; replaced by its statements when they land.
SELECT 1;
